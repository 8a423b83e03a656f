// step1.js: the add-intake form shows the fields of the chosen method (form or transcript). A hidden fieldset is
// also disabled, so its fields are neither validated nor sent.
const radios = document.querySelectorAll('input[data-method]');

function showMethod() {
  const chosen = document.querySelector('input[data-method]:checked')?.value ?? 'form';
  for (const fieldset of document.querySelectorAll('[data-method-fields]')) {
    const on = fieldset.dataset.methodFields === chosen;
    fieldset.hidden = !on;
    fieldset.disabled = !on;
  }
}

for (const radio of radios) radio.addEventListener('change', showMethod);
showMethod();
