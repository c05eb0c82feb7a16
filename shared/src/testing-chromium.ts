// Where Debian's Chromium is and how the checkpoints launch it: shared by the test kit and by
// `npm run check`, which launches one browser for the whole run and lets every checkpoint connect.
export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-features=LocalNetworkAccessChecks',
];
