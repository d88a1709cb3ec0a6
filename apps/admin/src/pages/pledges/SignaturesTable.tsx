import { createEffect, createMemo, createResource, For, on, Show } from 'solid-js';
import type { Api, Membership } from '../../api/client.ts';
import { useApi } from '../../api/context.tsx';
import { errorMessageOf } from '../../api/errors.ts';
import { DateRangeFields, SearchField, SortField } from '../../components/DateRangeFields.tsx';
import { ExportLink } from '../../components/ExportLink.tsx';
import { ListTable } from '../../components/ListTable.tsx';
import { Loading } from '../../components/Page.tsx';
import { createPages, Pager, PageStatus } from '../../components/Pager.tsx';
import { useUrlFilters } from '../../components/url-filters.ts';
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
  // Kept in the address: a reload, the back button from a signature and a shared link keep them.
  const url = useUrlFilters(['search', 'status', 'source', 'from', 'to', 'sort']);
  const filters = createMemo<Filters>(() => {
    const v = url.values();
    const sort = sorts[(v.sort ?? 'newest') as keyof typeof sorts] ?? sorts.newest;
    return {
      ...(v.search ? { search: v.search } : {}),
      ...(v.status === 'pending' || v.status === 'confirmed' ? { status: v.status } : {}),
      ...(v.source ? { source: v.source === HOSTED ? null : v.source } : {}),
      ...(v.from ? { from: v.from } : {}),
      ...(v.to ? { to: v.to } : {}),
      ...sort,
    };
  });
  const pages = createPages();
  createEffect(on(filters, () => pages.reset(), { defer: true }));
  const [page$] = createResource(
    () => ({
      chapterId: props.chapter.chapterId,
      pledgeId: props.pledgeId,
      ...filters(),
      cursor: pages.cursor(),
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
    const value = (name: string) => String(data.get(name) ?? '');
    const sort = value('sort') === 'newest' ? '' : value('sort');
    url.apply({
      search: value('search'),
      status: value('status'),
      source: value('source'),
      from: value('from'),
      to: value('to'),
      sort,
    });
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
        <SearchField id={id('search')} label={pick(text.search)} value={url.values().search} />
        <div class="field">
          <label for={id('status')}>{pick(text.status)}</label>
          <select id={id('status')} name="status">
            <option value="">{pick(text.any)}</option>
            <option value="confirmed" selected={url.values().status === 'confirmed'}>
              {pick({ en: 'Confirmed', fr: 'Confirmée' })}
            </option>
            <option value="pending" selected={url.values().status === 'pending'}>
              {pick({ en: 'Unconfirmed', fr: 'Non confirmée' })}
            </option>
          </select>
        </div>
        <div class="field">
          <label for={id('source')}>{pick(text.source)}</label>
          <select id={id('source')} name="source">
            <option value="">{pick(text.any)}</option>
            <For each={sources()}>
              {(s) => (
                <option value={s ?? HOSTED} selected={url.values().source === (s ?? HOSTED)}>
                  {s ?? pick(text.hosted)}
                </option>
              )}
            </For>
          </select>
        </div>
        <DateRangeFields
          id={id}
          from={pick(text.from)}
          to={pick(text.to)}
          values={{ from: url.values().from, to: url.values().to }}
        />
        <SortField
          id={id('sort')}
          label={pick(text.sort)}
          values={Object.keys(sorts)}
          labelOf={(s) => pick(text[s as keyof typeof sorts])}
          selected={url.values().sort}
        />
        <button type="submit">{pick(text.apply)}</button>
      </form>
      <Show when={hasRole(props.chapter.role, 'organizer')}>
        <ExportLink href={exportHref()} label={pick(text.export)} hint={pick(text.exportHint)} />
      </Show>
      <Show when={page$.error}>
        <p class="error-summary" role="alert">
          {errorMessageOf(page$.error, i18n)}
        </p>
      </Show>
      <Show when={page$.latest} fallback={<Loading />}>
        {(result) => (
          <>
            <PageStatus
              count={pick(text.results, { count: result().total })}
              page={pick(text.pageN, { n: pages.page() + 1 })}
            />
            <ListTable
              columns={[
                pick(text.colName),
                pick(text.colEmail),
                pick(text.status),
                pick(text.source),
                pick(text.colSigned),
              ]}
              items={result().items}
              empty={pick(text.noSignatures)}
            >
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
            </ListTable>
            <Pager
              label={pick(text.tabSignatures)}
              previous={pick(text.previous)}
              next={pick(text.next)}
              first={pages.page() === 0}
              hasNext={Boolean(result().nextCursor)}
              onPrevious={pages.previous}
              onNext={() => pages.next(page$.latest?.nextCursor)}
            />
          </>
        )}
      </Show>
    </section>
  );
}
