import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';

// Candidate duplicate pairs of contacts or companies (same phone, e-mail or INN; similar names).
export const useDuplicates = (entity: 'contacts' | 'companies') =>
  useQuery({
    queryKey: [entity, 'duplicates'],
    queryFn: () => api.get('/duplicates', { query: { entity, limit: 100 } }),
  });
