/** fast-check run count: 1000 by default (the CI floor), FC_RUNS overrides for local soak runs. */
export const FC_RUNS = Number(process.env.FC_RUNS ?? 1000);
export const fcOpts = { numRuns: FC_RUNS } as const;
