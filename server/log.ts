/** The server's logger: a console by default, silenced or captured in tests. */
export interface Logger {
  info(msg: string, ...rest: unknown[]): void;
  warn(msg: string, ...rest: unknown[]): void;
  error(msg: string, ...rest: unknown[]): void;
}

export const consoleLogger: Logger = {
  info: (m, ...r) => console.log(`[charrette] ${m}`, ...r),
  warn: (m, ...r) => console.warn(`[charrette] ${m}`, ...r),
  error: (m, ...r) => console.error(`[charrette] ${m}`, ...r),
};

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
