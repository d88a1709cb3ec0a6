import { createSignal } from 'solid-js';

/**
 * Keyset paging shared by the long lists (people, signatures): the "N results · page K" line,
 * the Previous/Next pager, and the cursors behind them. Previous goes back to a cursor already
 * seen, so the server never has to page backwards.
 */

/**
 * The page state: `cursor()` opens the current page; `next(nextCursor)` moves forward,
 * `previous()` back, `reset()` to the first page (after the filters change).
 *
 * @example
 * const pages = createPages();
 * createResource(() => ({ cursor: pages.cursor() }), fetchPage);
 * pages.next(result.nextCursor);
 */
export function createPages() {
  // cursors[i] opens page i+1; the first page has none.
  const [cursors, setCursors] = createSignal<Array<string | undefined>>([undefined]);
  const [page, setPage] = createSignal(0);
  return {
    /** The current page, from 0. */
    page,
    cursor: () => cursors()[page()],
    next(cursor: string | null | undefined) {
      if (!cursor) return;
      setCursors([...cursors().slice(0, page() + 1), cursor]);
      setPage(page() + 1);
    },
    previous: () => setPage(page() - 1),
    reset() {
      setCursors([undefined]);
      setPage(0);
    },
  };
}

/**
 * The live line above a list: "{count} · {page}", both already localized.
 *
 * @example
 * <PageStatus count={pick(text.results, { count: 12 })} page={pick(text.pageN, { n: 1 })} />
 */
export function PageStatus(props: { count: string; page: string }) {
  return (
    <p role="status">
      {props.count} · {props.page}
    </p>
  );
}

/**
 * Previous/Next buttons in a labelled nav; Previous is disabled on the first page, Next when
 * there is no next page.
 *
 * @example
 * <Pager label="People" previous="Previous" next="Next" first={page() === 0}
 *   hasNext={Boolean(result.nextCursor)} onPrevious={back} onNext={forward} />
 */
export function Pager(props: {
  label: string;
  previous: string;
  next: string;
  first: boolean;
  hasNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
}) {
  return (
    <nav class="pager" aria-label={props.label}>
      <button type="button" disabled={props.first} onClick={() => props.onPrevious()}>
        {props.previous}
      </button>
      <button type="button" disabled={!props.hasNext} onClick={() => props.onNext()}>
        {props.next}
      </button>
    </nav>
  );
}
