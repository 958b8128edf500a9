import { useEffect, useState } from 'preact/hooks';
import { api, outcome } from '../../api/api';
import type { Problem } from '../../api/problem';
import type { components } from '../../api/schema';

/** The signed-in user's second factors (GET /v1/me/mfa), shared by the Personal Preferences cards. */
export type MyFactors = components['schemas']['GetMyMfaResponse'];
export type RememberedDevice = MyFactors['rememberedDevices'][number];

export interface FactorsState {
  readonly factors?: MyFactors;
  readonly problem?: Problem;
  /** Reads them again (after a change), or takes the answer a change already gave. */
  readonly reload: (fresh?: MyFactors) => void;
}

export function useMyFactors(): FactorsState {
  const [factors, setFactors] = useState<MyFactors | undefined>();
  const [problem, setProblem] = useState<Problem | undefined>();
  const [version, setVersion] = useState(0);
  useEffect(() => {
    void outcome(api().GET('/v1/me/mfa')).then((result) => {
      if (result.ok) {
        setFactors(result.data);
        setProblem(undefined);
      } else setProblem(result.problem);
    });
  }, [version]);
  return {
    factors,
    problem,
    reload: (fresh) => (fresh ? setFactors(fresh) : setVersion((n) => n + 1)),
  };
}
