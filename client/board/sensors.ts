/**
 * Drag sensors. Mouse and pen start a drag after a few pixels, so a click still opens the
 * editor; touch waits for a short press, so a quick swipe pans the board instead of
 * grabbing the note underneath the finger.
 */
import {
  KeyboardSensor, PointerSensor, TouchSensor, useSensor, useSensors,
  type KeyboardCoordinateGetter, type KeyboardSensorOptions, type PointerActivationConstraint, type PointerSensorOptions, type SensorDescriptor, type SensorOptions,
} from '@dnd-kit/core';
import type { PointerEvent as ReactPointerEvent } from 'react';

export const POINTER_DRAG_DISTANCE_PX = 4;
export const TOUCH_DRAG_DELAY_MS = 150;
export const TOUCH_DRAG_TOLERANCE_PX = 5;

/** PointerSensor that leaves touch pointers to TouchSensor; otherwise it would skip the press delay. */
class MouseAndPenSensor extends PointerSensor {
  static override activators = [
    {
      eventName: 'onPointerDown' as const,
      handler: ({ nativeEvent: e }: ReactPointerEvent, { onActivation }: PointerSensorOptions) => {
        if (e.pointerType === 'touch' || !e.isPrimary || e.button !== 0) return false;
        onActivation?.({ event: e });
        return true;
      },
    },
  ];
}

/** One arrow press, in screen pixels: fine placement inside a category. */
export const KEY_STEP_PX = 24;
/** Shift+arrow: about a note's width, so crossing into the next category takes a few presses, not dozens. */
export const KEY_BIG_STEP_PX = 160;

const arrowSteps: KeyboardCoordinateGetter = (event, { currentCoordinates: c }) => {
  const step = event.shiftKey ? KEY_BIG_STEP_PX : KEY_STEP_PX;
  switch (event.code) {
    case 'ArrowRight':
      return { x: c.x + step, y: c.y };
    case 'ArrowLeft':
      return { x: c.x - step, y: c.y };
    case 'ArrowDown':
      return { x: c.x, y: c.y + step };
    case 'ArrowUp':
      return { x: c.x, y: c.y - step };
    default:
      return undefined;
  }
};

// Space picks a note up and drops it; Enter is left free to open the editor.
const keyboardOptions: KeyboardSensorOptions = {
  keyboardCodes: { start: ['Space'], cancel: ['Escape'], end: ['Space', 'Enter', 'Tab'] },
  coordinateGetter: arrowSteps,
};

// Module constants, not literals in the hook: useSensor memoizes on the options object, and a new
// sensor list gives DndContext new activators, which re-renders every category and the notes' drag source.
const pointerOptions: { activationConstraint: PointerActivationConstraint } = { activationConstraint: { distance: POINTER_DRAG_DISTANCE_PX } };
const touchOptions: { activationConstraint: PointerActivationConstraint } = {
  activationConstraint: { delay: TOUCH_DRAG_DELAY_MS, tolerance: TOUCH_DRAG_TOLERANCE_PX },
};

export function useNoteSensors(): SensorDescriptor<SensorOptions>[] {
  return useSensors(
    useSensor(MouseAndPenSensor, pointerOptions),
    useSensor(TouchSensor, touchOptions),
    useSensor(KeyboardSensor, keyboardOptions),
  );
}
