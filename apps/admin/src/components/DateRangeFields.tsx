import { For } from 'solid-js';

/**
 * Filter-form fields shared by the list pages: a search box, a from/to date pair and a sort
 * select. Plain named inputs: the page's submit handler reads them from its FormData
 * (`search`, `from`, `to`, `sort`).
 */

/**
 * The `search` input, labelled, showing the search applied (from the page's address).
 *
 * @example
 * <SearchField id="people-search" label="Search" value={url.values().search} />
 */
export function SearchField(props: { id: string; label: string; value?: string | undefined }) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <input id={props.id} name="search" type="search" maxLength={200} value={props.value ?? ''} />
    </div>
  );
}

/**
 * The `from` and `to` date inputs, labelled; `id(name)` gives the page's id for each.
 *
 * @example
 * <DateRangeFields id={(n) => `people-${n}`} from="Added from" to="Added until" />
 */
export function DateRangeFields(props: {
  id: (name: string) => string;
  from: string;
  to: string;
  /** The dates currently applied (from the page's address), if any. */
  values?: { from?: string | undefined; to?: string | undefined };
}) {
  return (
    <>
      <div class="field">
        <label for={props.id('from')}>{props.from}</label>
        <input id={props.id('from')} name="from" type="date" value={props.values?.from ?? ''} />
      </div>
      <div class="field">
        <label for={props.id('to')}>{props.to}</label>
        <input id={props.id('to')} name="to" type="date" value={props.values?.to ?? ''} />
      </div>
    </>
  );
}

/**
 * The `sort` select. The options are keyed by value (a stable list) so that switching the
 * language relabels them without resetting the choice.
 *
 * @example
 * <SortField id="people-sort" label="Sort" values={['newest', 'oldest']} labelOf={(v) => v} />
 */
export function SortField(props: {
  id: string;
  label: string;
  values: readonly string[];
  labelOf: (value: string) => string;
  /** The sort currently applied, if any (else the first value). */
  selected?: string | undefined;
}) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <select id={props.id} name="sort">
        <For each={props.values}>
          {(v) => (
            <option value={v} selected={v === props.selected}>
              {props.labelOf(v)}
            </option>
          )}
        </For>
      </select>
    </div>
  );
}
