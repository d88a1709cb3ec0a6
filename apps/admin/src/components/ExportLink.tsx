import { Show } from 'solid-js';

/**
 * A CSV export: a download link styled as a button, and an optional hint beside it (what the
 * export holds). The pages decide who sees it and build the href from their filters.
 *
 * @example
 * <ExportLink href="/admin/api/people.csv?chapterId=c1" label="Export (CSV)" hint="Filtered" />
 */
export function ExportLink(props: { href: string; label: string; hint?: string }) {
  return (
    <p>
      <a class="button-link" href={props.href} download="">
        {props.label}
      </a>
      <Show when={props.hint}>
        {' '}
        <span class="hint">{props.hint}</span>
      </Show>
    </p>
  );
}
