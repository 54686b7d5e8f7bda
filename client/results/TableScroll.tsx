import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';

type More = 'none' | 'left' | 'right' | 'both';

/**
 * A wide table that scrolls sideways (a phone), with a shadow on each edge that has more table
 * beyond it: without one, a cut-off column looks like the end of the table.
 */
export function TableScroll({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLDivElement | null>(null);
  const [more, setMore] = useState<More>('none');
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const update = () => {
      const left = el.scrollLeft > 1;
      const right = el.scrollLeft + el.clientWidth < el.scrollWidth - 1;
      setMore(left && right ? 'both' : left ? 'left' : right ? 'right' : 'none');
    };
    update();
    el.addEventListener('scroll', update, { passive: true });
    const resized = new ResizeObserver(update);
    resized.observe(el);
    if (el.firstElementChild) resized.observe(el.firstElementChild);
    return () => {
      el.removeEventListener('scroll', update);
      resized.disconnect();
    };
  }, []);
  return (
    <div className="table-scroll-frame" data-more={more}>
      <div ref={ref} className="table-scroll">{children}</div>
    </div>
  );
}
