// The demand form saves itself as a draft every few seconds while it changes (kept by the submission API, private to the
// organisation): the first save gives the page the draft's address, so a reload or a later visit finds the form as it was.
(() => {
  const form = document.querySelector('form[data-autosave]');
  if (!form) return;
  const status = document.getElementById('brouillon-etat');
  const draft = form.querySelector('input[name="brouillon"]');
  let changed = false;
  let saving = null; // the save in flight
  let sending = false;
  const touch = () => { changed = true; };
  form.addEventListener('input', touch);
  form.addEventListener('change', touch);

  function save() {
    if (!changed || saving || sending) return;
    saving = write().finally(() => { saving = null; });
  }

  async function write() {
    changed = false;
    try {
      const body = new FormData(form);
      body.delete('picture.file'); // a picture is uploaded when the form is saved or sent, not every few seconds
      const response = await fetch(form.dataset.autosave, {
        method: 'POST', body, credentials: 'same-origin', headers: { Accept: 'application/json' },
      });
      if (!response.ok) throw new Error(String(response.status));
      const saved = await response.json();
      draft.value = saved.id;
      status.textContent = saved.message;
      const address = new URL(window.location.href);
      if (address.searchParams.get('brouillon') !== saved.id) {
        window.history.replaceState(null, '', `${address.pathname}?brouillon=${encodeURIComponent(saved.id)}`);
      }
    } catch {
      changed = true;
      status.textContent = form.dataset.autosaveFailed;
    }
  }

  // Sent (or saved by its button): no autosave from now on, and a save in flight ends first, so the send carries the
  // draft it created and the two never write the same draft at once.
  form.addEventListener('submit', (event) => {
    sending = true;
    if (!saving) return;
    event.preventDefault();
    const button = event.submitter;
    saving.then(() => form.requestSubmit(button));
  });
  window.addEventListener('pageshow', (event) => { if (event.persisted) sending = false; }); // back from the next page

  window.setInterval(save, 10000); // at most 6 writes a minute: the gateway allows an organiser 30
})();
