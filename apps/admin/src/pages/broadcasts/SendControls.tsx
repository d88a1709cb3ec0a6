// The send step of a draft broadcast: a test to oneself, or the real send after a confirmation.

import { useApi } from '../../api/context.tsx';
import { errorMessageOf } from '../../api/errors.ts';
import { useI18n } from '../../i18n/index.tsx';
import { text } from './strings.ts';

/**
 * "Send a test to myself" and "Send now". Sending asks `window.confirm` with the current reach
 * first, since it cannot be undone; `onSent` lets the view refetch to show the progress.
 */
export function SendControls(props: {
  chapterId: string;
  broadcastId: string;
  recipients: number | undefined;
  /** The form on screen differs from the stored draft: save first. */
  unsaved?: boolean;
  onMessage: (message: string) => void;
  onSent: () => void;
}) {
  const i18n = useI18n();
  const { pick } = i18n;
  const api = useApi();
  const act = async (what: 'test' | 'send') => {
    if (props.unsaved) {
      props.onMessage(pick(text.saveFirst));
      return;
    }
    try {
      if (what === 'test') {
        await api.broadcasts.sendTest.mutate({
          chapterId: props.chapterId,
          broadcastId: props.broadcastId,
        });
        props.onMessage(pick(text.testSent));
      } else {
        if (!window.confirm(pick(text.confirmSend, { count: props.recipients ?? 0 }))) return;
        await api.broadcasts.send.mutate({
          chapterId: props.chapterId,
          broadcastId: props.broadcastId,
        });
        props.onSent();
      }
    } catch (error) {
      props.onMessage(errorMessageOf(error, i18n));
    }
  };
  return (
    <p>
      <button type="button" onClick={() => act('test')}>
        {pick(text.test)}
      </button>{' '}
      <button type="button" onClick={() => act('send')}>
        {pick(text.send)}
      </button>
    </p>
  );
}
