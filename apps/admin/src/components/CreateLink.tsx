import { Show } from 'solid-js';
import type { Role } from '../api/client.ts';
import { Link } from '../router/index.tsx';
import { hasRole } from '../session/index.tsx';

/**
 * The "Create …" button above a chapter's list, for organizers only (viewers see the list).
 *
 * @example
 * <CreateLink role={props.chapter.role} href={`${base()}?new`} label={pick(text.create)} />
 */
export function CreateLink(props: { role: Role | undefined; href: string; label: string }) {
  return (
    <Show when={hasRole(props.role, 'organizer')}>
      <p>
        <Link class="button-link" to={props.href}>
          {props.label}
        </Link>
      </p>
    </Show>
  );
}
