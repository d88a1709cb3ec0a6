import { useLocation, useNavigate } from '../router/index.tsx';

/**
 * A list page's filters kept in its address (`?pledge=…&search=martin&sort=oldest`), so a
 * reload, the back button and a copied link show the same list. Other query parameters (which
 * pledge, which tab) are left as they are.
 *
 * @example
 * const url = useUrlFilters(['search', 'status', 'sort']);
 * url.values().search; // 'martin'
 * url.apply({ search: 'amélie', status: '' }); // empty values leave the address
 */
export function useUrlFilters<K extends string>(keys: readonly K[]) {
  const location = useLocation();
  const navigate = useNavigate();
  return {
    values(): Partial<Record<K, string>> {
      const search = location().search;
      const found: Partial<Record<K, string>> = {};
      for (const key of keys) {
        const value = search.get(key);
        if (value) found[key] = value;
      }
      return found;
    },
    apply(next: Partial<Record<K, string>>): void {
      const search = new URLSearchParams(location().search);
      for (const key of keys) {
        const value = next[key]?.trim();
        if (value) search.set(key, value);
        else search.delete(key);
      }
      const query = search.toString();
      navigate(`${location().path}${query ? `?${query}` : ''}`);
    },
  };
}
