// npm run check names a region from the checkpoints that fail, through the honesty gate's map.
import { describe, expect, it } from 'vitest';
import { suspectRegions } from '../src/regions-map.ts';

// Lab 01's shape: 01.2 builds on 01.1, so every checkpoint that catches 01.1 also catches 01.2.
const map = {
  '01.1': ['echo'],
  '01.2': ['echo', 'ceshi'],
  '01.3': ['page line'],
};
const all = ['echo', 'ceshi', 'page line'];

describe('the region map names the region to work on', () => {
  it('on a fresh copy it names the first region first, though a later one explains every failure', () => {
    expect(suspectRegions(map, ['echo', 'ceshi'], all)).toEqual(['01.1', '01.2']);
  });

  it('a wrong answer names only its own region', () => {
    expect(suspectRegions(map, ['ceshi'], all)).toEqual(['01.2']);
    expect(suspectRegions(map, ['page line'], all)).toEqual(['01.3']);
  });

  it('a checkpoint that did not run says nothing about its region', () => {
    expect(suspectRegions(map, ['echo', 'ceshi'], ['echo', 'ceshi'])).toEqual(['01.1', '01.2']);
    expect(suspectRegions(map, [], ['echo'])).toEqual([]);
  });
});
