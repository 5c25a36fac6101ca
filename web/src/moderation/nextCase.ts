import { useCallback } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../api';
import type { Submission } from '../forms';
import type { CaseView } from '../../../src/moderation/contract';

/**
 * "Next case": claims the most urgent case the reviewer may work and opens it. A reviewer who still holds a case
 * gets that one back (the server's rule: one case in hand), so after deciding, escalating or releasing, it is the
 * next one. What went wrong shows in the given submission's messages.
 */
export function useNextCase(submission: Submission, filters: { level?: string } = {}) {
  const navigate = useNavigate();
  const level = filters.level;
  return useCallback(async () => {
    const detail = await submission.run(
      () => api<CaseView>('POST', '/api/queue/claim', level ? { level } : {}),
      'Case claimed.',
    );
    if (detail) navigate(`/console/queue/cases/${detail.case.id}`);
  }, [submission, level, navigate]);
}
