// The rule of a legal clock in the console's language (worded by clock-rule.ts), shared by the case,
// transfer, rectification and task views.
import { useTranslation } from 'react-i18next';
import { clockRuleText, type ClockRuleInput } from './clock-rule.ts';

/** The rule as text, e.g. for a badge's title. */
export function useClockRule(clock: ClockRuleInput): string {
  const { t } = useTranslation();
  return clockRuleText(clock, t);
}

export function ClockRule({ clock }: { clock: ClockRuleInput }) {
  return <span data-testid="clock-rule">{useClockRule(clock)}</span>;
}
