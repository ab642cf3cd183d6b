import { useState } from 'react';
import type { OffboardingCase } from '@/lib/offboarding/model';

/**
 * What the admin has typed or ticked on one step, kept for the step's whole life in the
 * checklist (not only while its controls show), so a step that is blocked and reopened keeps it.
 */
export function useStepInputs(c: OffboardingCase) {
  const [typed, setTyped] = useState('');
  const [days, setDays] = useState(30);
  // Ticks are kept here and sent whole, so quick clicks never overwrite each other's answer.
  const [reviewed, setReviewed] = useState(() => new Set(c.reviewed));
  return { typed, setTyped, days, setDays, reviewed, setReviewed };
}

export type StepInputs = ReturnType<typeof useStepInputs>;
