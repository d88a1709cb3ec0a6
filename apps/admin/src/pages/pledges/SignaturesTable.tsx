import { createResource, createSignal, For, Show } from 'solid-js';
import type { Api, Membership } from '../../api/client.ts';
import { useApi } from '../../api/context.tsx';
import { errorMessageOf } from '../../api/errors.ts';
import { Loading } from '../../components/Page.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { Link } from '../../router/index.tsx';
import { hasRole } from '../../session/index.tsx';
import { StatusBadge } from './parts.tsx';
import { text } from './strings.ts';

type Query = Parameters<Api['pledges']['signatures']['query']>[0];
type Filters = Omit<Query, 'chapterId' | 'pledgeId' | 'cursor' | 'limit'>;
const HOSTED = '(hosted)';
const sorts = {
  newest: { sort: 'date', order: 'desc' },
  oldest: { sort: 'date', order: 'asc' },
  nameAz: { sort: 'name', order: 'asc' },
  nameZa: { sort: 'name', order: 'desc' },
} as const;

/**
 * The signatures of a pledge: search, filters, sort, keyset pages (Previous keeps the cursors
 * already seen), a status word per row, a link to each signature, and the CSV export of what
 * the filters select (organizers).
 */
export function SignaturesTable(props: {
  chapter: Membership;
  pledgeId: string;
  detailHref: (signatureId: string) => string;
}) {
  const i18n = useI18n();
  const { pick } = i18n;
  const api = useApi();
  const [filters, setFilters] = createSignal<Filters>({});
  // cursors[i] opens page i+1; the first page has none.
  const [cursors, setCursors] = createSignal<Array<string | undefined>>([undefined]);
  const [page, setPage] = createSignal(0);
  const [page$] = createResource(
    () => ({
      chapterId: props.chapter.chapterId,
      pledgeId: props.pledgeId,
      ...filters(),
      cursor: cursors()[page()],
      limit: 50,
    }),
    (key) => api.pledges.signatures.query(key),
  );
  const [stats] = createResource(
    () => ({ chapterId: props.chapter.chapterId, pledgeId: props.pledgeId, days: 1 }),
    (key) => api.pledges.stats.query(key),
  );
  const sources = () => (stats.latest?.bySource ?? []).map((s) => s.source);

  const apply = (event: SubmitEvent) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const value = (name: string) => String(data.get(name) ?? '').trim();
    const source = value('source');
    const sort = sorts[(value('sort') || 'newest') as keyof typeof sorts] ?? sorts.newest;
    setFilters({
      ...(value('search') ? { search: value('search') } : {}),
      ...(value('status') ? { status: value('status') as 'pending' | 'confirmed' } : {}),
      ...(source ? { source: source === HOSTED ? null : source } : {}),
      ...(value('from') ? { from: value('from') } : {}),
      ...(value('to') ? { to: value('to') } : {}),
      ...sort,
    });
    setCursors([undefined]);
    setPage(0);
  };

  const next = () => {
    const cursor = page$.latest?.nextCursor;
    if (!cursor) return;
    setCursors([...cursors().slice(0, page() + 1), cursor]);
    setPage(page() + 1);
  };

  const exportHref = () => {
    const f = filters();
    const q = new URLSearchParams({ chapterId: props.chapter.chapterId });
    if (f.search) q.set('search', f.search);
    if (f.status) q.set('status', f.status);
    if (f.source !== undefined) q.set('source', f.source ?? '');
    if (f.from) q.set('from', f.from);
    if (f.to) q.set('to', f.to);
    return `/admin/api/pledges/${encodeURIComponent(props.pledgeId)}/signatures.csv?${q}`;
  };

  const id = (name: string) => `signatures-${name}`;
  return (
    <section aria-labelledby="signatures-title">
      <h2 id="signatures-title">{pick(text.tabSignatures)}</h2>
      <form class="filters" onSubmit={apply}>
        <div class="field">
          <label for={id('search')}>{pick(text.search)}</label>
          <input id={id('search')} name="search" type="search" maxLength={200} />
        </div>
        <div class="field">
          <label for={id('status')}>{pick(text.status)}</label>
          <select id={id('status')} name="status">
            <option value="">{pick(text.any)}</option>
            <option value="confirmed">{pick({ en: 'Confirmed', fr: 'Confirmée' })}</option>
            <option value="pending">{pick({ en: 'Unconfirmed', fr: 'Non confirmée' })}</option>
          </select>
        </div>
        <div class="field">
          <label for={id('source')}>{pick(text.source)}</label>
          <select id={id('source')} name="source">
            <option value="">{pick(text.any)}</option>
            <For each={sources()}>
              {(s) => <option value={s ?? HOSTED}>{s ?? pick(text.hosted)}</option>}
            </For>
          </select>
        </div>
        <div class="field">
          <label for={id('from')}>{pick(text.from)}</label>
          <input id={id('from')} name="from" type="date" />
        </div>
        <div class="field">
          <label for={id('to')}>{pick(text.to)}</label>
          <input id={id('to')} name="to" type="date" />
        </div>
        <div class="field">
          <label for={id('sort')}>{pick(text.sort)}</label>
          <select id={id('sort')} name="sort">
            <For each={Object.keys(sorts) as Array<keyof typeof sorts>}>
              {(s) => <option value={s}>{pick(text[s])}</option>}
            </For>
          </select>
        </div>
        <button type="submit">{pick(text.apply)}</button>
      </form>
      <Show when={hasRole(props.chapter.role, 'organizer')}>
        <p>
          <a class="button-link" href={exportHref()} download="">
            {pick(text.export)}
          </a>{' '}
          <span class="hint">{pick(text.exportHint)}</span>
        </p>
      </Show>
      <Show when={page$.error}>
        <p class="error-summary" role="alert">
          {errorMessageOf(page$.error, i18n)}
        </p>
      </Show>
      <Show when={page$.latest} fallback={<Loading />}>
        {(result) => (
          <>
            <p role="status">
              {pick(text.results, { count: result().total })} ·{' '}
              {pick(text.pageN, { n: page() + 1 })}
            </p>
            <Show when={result().items.length > 0} fallback={<p>{pick(text.noSignatures)}</p>}>
              <table class="table">
                <thead>
                  <tr>
                    <th scope="col">{pick(text.colName)}</th>
                    <th scope="col">{pick(text.colEmail)}</th>
                    <th scope="col">{pick(text.status)}</th>
                    <th scope="col">{pick(text.source)}</th>
                    <th scope="col">{pick(text.colSigned)}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={result().items}>
                    {(s) => (
                      <tr>
                        <th scope="row">
                          <Link
                            to={props.detailHref(s.id)}
                            aria-label={pick(text.detailOf, { who: s.name ?? s.email })}
                          >
                            {s.name ?? pick(text.anonymous)}
                          </Link>
                        </th>
                        <td>{s.email}</td>
                        <td>
                          <StatusBadge status={s.status} />
                        </td>
                        <td>{s.source ?? pick(text.hosted)}</td>
                        <td>{i18n.formatDateTime(s.createdAt, stats.latest?.timeZone)}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </Show>
            <nav class="pager" aria-label={pick(text.tabSignatures)}>
              <button type="button" disabled={page() === 0} onClick={() => setPage(page() - 1)}>
                {pick(text.previous)}
              </button>
              <button type="button" disabled={!result().nextCursor} onClick={next}>
                {pick(text.next)}
              </button>
            </nav>
          </>
        )}
      </Show>
    </section>
  );
}
