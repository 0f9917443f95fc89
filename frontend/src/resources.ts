// The backend's resources for a saved datasource, when no datasource instance
// is at hand (the config editor gets only the settings).
import { lastValueFrom } from 'rxjs';

import { getBackendSrv } from '@grafana/runtime';

import { AskLokiStatus } from './types';

export interface KnowledgeClient {
  status(): Promise<AskLokiStatus>;
  rebuild(): Promise<{ state: string }>;
}

export function knowledgeClient(uid: string): KnowledgeClient {
  const call = async <T>(method: 'GET' | 'POST', path: string): Promise<T> => {
    const response = await lastValueFrom(
      getBackendSrv().fetch<T>({
        method,
        url: `/api/datasources/uid/${encodeURIComponent(uid)}/resources/${path}`,
        data: method === 'POST' ? {} : undefined,
        showErrorAlert: false,
      })
    );
    return response.data;
  };
  return {
    status: () => call<AskLokiStatus>('GET', 'status'),
    rebuild: () => call<{ state: string }>('POST', 'knowledge/rebuild'),
  };
}
