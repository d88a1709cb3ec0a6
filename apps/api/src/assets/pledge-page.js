// Progressive enhancement for the hosted pledge pages. Everything here is optional: the pages
// work without it (plain form, plain links). Loaded from 'self' with `defer`; no inline code.
(() => {
  const POLL_MS = 15000;
  // Screen readers hear the count at most this often, however fast it climbs.
  const ANNOUNCE_MS = 10000;

  function liveCounter(section) {
    const strong = section.querySelector('[data-count]');
    const progress = section.querySelector('progress');
    const announcer = section.querySelector('[data-count-announcer]');
    const locale = section.dataset.locale === 'fr' ? 'fr-FR' : 'en-GB';
    const format = new Intl.NumberFormat(locale);
    const plural = new Intl.PluralRules(locale);
    const label = (count) =>
      (plural.select(count) === 'one' ? section.dataset.one : section.dataset.other).replace(
        '{count}',
        format.format(count),
      );
    let shown = Number(strong?.dataset.count || 0);
    let lastAnnounce = 0;
    let pendingAnnounce;

    function announce(text) {
      if (!announcer) return;
      const wait = lastAnnounce + ANNOUNCE_MS - Date.now();
      clearTimeout(pendingAnnounce);
      if (wait > 0) {
        pendingAnnounce = setTimeout(() => announce(text), wait);
        return;
      }
      lastAnnounce = Date.now();
      announcer.textContent = text;
    }

    function update(data) {
      const count = Number(data?.count);
      if (!Number.isFinite(count) || count === shown) return;
      shown = count;
      const text = label(count);
      if (strong) {
        strong.textContent = text;
        strong.dataset.count = String(count);
        strong.classList.remove('bump');
        // Re-adding the class restarts the (motion-safe) highlight.
        void strong.offsetWidth;
        strong.classList.add('bump');
      }
      if (progress) {
        const goal = Number(data.goal) || Number(progress.max) || 1;
        progress.max = Math.max(goal, count, 1);
        progress.value = count;
        progress.textContent = `${Math.round((count / progress.max) * 100)}%`;
      }
      announce(text);
    }

    let timer;
    function poll() {
      if (timer) return;
      const tick = () =>
        fetch(section.dataset.countUrl, { credentials: 'omit', cache: 'no-cache' })
          .then((r) => (r.ok ? r.json() : undefined))
          .then(update, () => {});
      tick();
      timer = setInterval(tick, POLL_MS);
    }

    if (typeof EventSource === 'function' && section.dataset.streamUrl) {
      const source = new EventSource(section.dataset.streamUrl);
      source.onmessage = (event) => {
        try {
          update(JSON.parse(event.data));
        } catch {
          // a malformed event is skipped: the next one carries the whole count again
        }
      };
      // EventSource reconnects by itself; CLOSED means it gave up: poll instead.
      source.onerror = () => {
        if (source.readyState === EventSource.CLOSED) poll();
      };
      addEventListener('pagehide', () => source.close());
    } else if (section.dataset.countUrl) {
      poll();
    }
  }

  function copyButton(button) {
    const input = document.getElementById(button.dataset.copyTarget);
    const status = button.closest('.copy-link')?.querySelector('[data-copy-status]');
    if (!input) return;
    button.hidden = false;
    button.addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText(input.value);
      } catch {
        input.select();
        document.execCommand('copy');
      }
      if (status) status.textContent = button.dataset.copied || '';
      setTimeout(() => {
        if (status) status.textContent = '';
      }, 4000);
    });
  }

  // Same rule as the server: "mastodon.social", "@me@piaille.fr", a full address → host.
  function instanceHost(value) {
    let host = String(value || '')
      .trim()
      .toLowerCase()
      .replace(/^https?:\/\//, '')
      .replace(/\/.*$/, '');
    if (host.includes('@')) host = host.slice(host.lastIndexOf('@') + 1);
    return /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}$/.test(host)
      ? host
      : '';
  }

  function mastodonForm(form) {
    form.addEventListener('submit', (event) => {
      const host = instanceHost(form.elements.instance?.value);
      // Invalid: let the server page explain. Valid: go straight there (one step less).
      if (!host || !form.dataset.shareText) return;
      event.preventDefault();
      const url = `https://${host}/share?text=${encodeURIComponent(form.dataset.shareText)}`;
      window.open(url, '_blank', 'noopener,noreferrer');
    });
  }

  // Proof of work (only when the organizers switched it on): fetch the challenge, solve it in
  // the widget's worker (same origin), put the answer in the hidden field, then send.
  function proofOfWork(form) {
    const field = form.querySelector('[data-altcha-for]');
    if (!field) return;
    const note = form.querySelector('[data-pow-note]');
    if (note) note.hidden = true;
    let solved = false;
    form.addEventListener('submit', (event) => {
      if (solved) return;
      event.preventDefault();
      const button = form.querySelector('[type=submit]');
      if (button) button.disabled = true;
      const slug = encodeURIComponent(field.dataset.altchaFor);
      fetch(`/api/v1/pledges/${slug}/challenge`, { credentials: 'omit', cache: 'no-store' })
        .then((r) => r.json())
        .then(
          (challenge) =>
            new Promise((resolve, reject) => {
              const worker = new Worker('/widgets/pow-worker.js', { type: 'module' });
              worker.onmessage = (e) => {
                worker.terminate();
                e.data ? resolve(e.data) : reject(new Error('pow'));
              };
              worker.onerror = () => {
                worker.terminate();
                reject(new Error('pow'));
              };
              worker.postMessage(challenge);
            }),
        )
        .then((payload) => {
          field.value = payload;
        })
        .catch(() => {})
        .finally(() => {
          solved = true;
          if (button) button.disabled = false;
          form.requestSubmit ? form.requestSubmit() : form.submit();
        });
    });
  }

  function start() {
    for (const el of document.querySelectorAll('[data-live-counter]')) liveCounter(el);
    for (const el of document.querySelectorAll('[data-copy-target]')) copyButton(el);
    for (const el of document.querySelectorAll('form.mastodon')) mastodonForm(el);
    for (const el of document.querySelectorAll('form.sign-form')) proofOfWork(el);
    document.getElementById('error-summary')?.focus();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
