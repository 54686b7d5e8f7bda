import { useI18n } from '../i18n/I18nProvider.js';
import { DownloadIcon } from '../ui/icons.js';
import { boardReport, type ReportInput } from './report.js';

/** The facilitator's "download the report" for after the session: a Markdown file, made on this device. */
export function ReportButton({ input }: { input: Omit<ReportInput, 'now'> }) {
  const { t, lang } = useI18n();
  const download = () => {
    const now = Date.now();
    const date = new Intl.DateTimeFormat(lang, { dateStyle: 'long' });
    const text = boardReport({ ...input, now }, t, (ms) => date.format(ms));
    const url = URL.createObjectURL(new Blob([text], { type: 'text/markdown;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${fileName(input.title) || 'charrette'}-${new Date(now).toISOString().slice(0, 10)}.md`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  return (
    <div className="report-download">
      <button type="button" className="btn" data-testid="report-download" onClick={download}>
        <DownloadIcon />
        {t('report.download')}
      </button>
      <p className="action-plan-intro">{t('report.hint')}</p>
    </div>
  );
}

/** A board title as a file name: letters, digits and dashes. */
const fileName = (title: string): string =>
  title.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60);
