// export-menu.js: the Export menu closes on a click elsewhere, on Escape (focus back on its button) and once a download is picked.
const menu = document.getElementById('export-menu');
if (menu) {
  document.addEventListener('click', (e) => {
    if (menu.open && !menu.contains(e.target)) menu.open = false;
  });
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && menu.open) {
      menu.open = false;
      menu.querySelector('summary').focus();
    }
  });
  menu.addEventListener('click', (e) => {
    if (e.target.closest('a[download]')) menu.open = false;
  });
}
