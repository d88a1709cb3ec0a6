import { For, type JSX, Show } from 'solid-js';

/**
 * The list table of the list pages: column headers, one row per item (the page renders the
 * `<tr>`), and a paragraph instead of the table when there is nothing to show.
 *
 * @example
 * <ListTable columns={['Title', 'Status']} items={events} empty="No events yet.">
 *   {(e) => <tr><th scope="row">{e.title}</th><td>{e.status}</td></tr>}
 * </ListTable>
 */
export function ListTable<T>(props: {
  columns: readonly string[];
  items: readonly T[];
  empty: string;
  children: (item: T) => JSX.Element;
}) {
  return (
    <Show when={props.items.length > 0} fallback={<p>{props.empty}</p>}>
      <table class="table">
        <thead>
          <tr>
            <For each={props.columns}>{(column) => <th scope="col">{column}</th>}</For>
          </tr>
        </thead>
        <tbody>
          <For each={props.items}>{(item) => props.children(item)}</For>
        </tbody>
      </table>
    </Show>
  );
}
