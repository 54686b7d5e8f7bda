/** What scenarios hand to the report: rows of one metric across the servers, plus raw data. */
import type { TargetName } from './targets.js';

export type Unit = 'ms' | 's' | '%' | 'MB' | 'KB' | 'count' | 'per-s' | 'x';

export interface Row {
  scenario: string;
  metric: string;
  unit: Unit;
  better: 'lower' | 'higher';
  /** Missing = not applicable to that server; NaN = failed to measure. */
  values: Partial<Record<TargetName, number>>;
  /** Shown before a value, e.g. '≥' when the generator, not the server, was the limit. */
  qualifiers?: Partial<Record<TargetName, string>>;
  /** The target for us, as text. */
  goal?: string;
}

export interface ScenarioOutput {
  name: string;
  rows: Row[];
  /** Things a reader needs to interpret the rows (stop reasons, close codes, interference). */
  notes: string[];
  raw: unknown;
}

export interface BenchContext {
  quick: boolean;
  targets: TargetName[];
  pin: boolean;
  /** Runs per measurement; rows report the median. */
  repeat: number;
  serverNodeArgs: string[];
  log(msg: string): void;
}
