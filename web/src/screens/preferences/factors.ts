import { useEffect, useRef, useState } from 'preact/hooks';
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
  // Two reads can overlap (a change, then another): only the latest one may set what the cards show.
  const latest = useRef(0);
  useEffect(() => {
    const asked = ++latest.current;
    void readFactors().then((result) => {
      if (asked !== latest.current) return;
      if (result.ok) {
        setFactors(result.data);
        setProblem(undefined);
      } else setProblem(result.problem);
    });
  }, [version]);
  return {
    factors,
    problem,
    reload: (fresh) => {
      latest.current++;
      if (fresh) setFactors(fresh);
      else setVersion((n) => n + 1);
    },
  };
}

/** GET /v1/me/mfa, asked again once when no answer came back (a dropped connection, not a refusal). */
async function readFactors() {
  const first = await outcome(api().GET('/v1/me/mfa'));
  return !first.ok && first.problem.code === 'NETWORK' ? outcome(api().GET('/v1/me/mfa')) : first;
}
