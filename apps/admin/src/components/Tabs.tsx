import { For } from 'solid-js';
import { Link } from '../router/index.tsx';

/**
 * The tab bar of a detail view (an event, a pledge): links in a labelled nav, the current one
 * marked with aria-current="page". Each tab is a URL, so every view can be linked.
 *
 * @example
 * <Tabs label="Pledge" tabs={[{ view: 'edit' }]} href={(v) => `?view=${v}`}
 *   current="edit" labelOf={(t) => t.view} />
 */
export function Tabs<T extends { view: string }>(props: {
  label: string;
  tabs: readonly T[];
  href: (view: T['view']) => string;
  current: string;
  labelOf: (tab: T) => string;
}) {
  return (
    <nav class="tabs" aria-label={props.label}>
      <ul>
        <For each={props.tabs}>
          {(tab) => (
            <li>
              <Link
                to={props.href(tab.view)}
                aria-current={props.current === tab.view ? 'page' : undefined}
              >
                {props.labelOf(tab)}
              </Link>
            </li>
          )}
        </For>
      </ul>
    </nav>
  );
}
