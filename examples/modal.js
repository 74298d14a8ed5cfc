// Opens the journey in an accessible modal dialog. `preview` shows the demo app's journey with no side
// effects; a live integration passes `session` (a token your server gets from POST /v1/sessions) instead.
const result = document.getElementById('result');

document.getElementById('connect').addEventListener('click', () => {
  window.ConsentUI.open({
    app: 'demo',
    preview: true,
    onSuccess: ({ consentIds }) => (result.textContent = `Connected: ${consentIds.join(', ')}`),
    onExit: ({ step, reason }) => (result.textContent = `Left at the ${step} step (${reason}).`),
    onEvent: (name, detail) => console.debug(name, detail),
  });
});
