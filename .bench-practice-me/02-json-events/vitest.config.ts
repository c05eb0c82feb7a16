export { default } from '@labs/shared/vitest';
