import { utcOffsetMinutes } from './zone';

describe('utcOffsetMinutes', () => {
  const winter = Date.UTC(2026, 0, 15, 12);
  const summer = Date.UTC(2026, 6, 15, 12);

  it('is zero in UTC', () => {
    expect(utcOffsetMinutes('utc', winter)).toBe(0);
  });

  it('follows a named zone and its daylight saving time', () => {
    expect(utcOffsetMinutes('Asia/Kolkata', winter)).toBe(330);
    expect(utcOffsetMinutes('Europe/Berlin', winter)).toBe(60);
    expect(utcOffsetMinutes('Europe/Berlin', summer)).toBe(120);
    expect(utcOffsetMinutes('America/New_York', summer)).toBe(-240);
  });

  it('uses the browser zone for "browser"', () => {
    expect(utcOffsetMinutes('browser', winter)).toBe(-new Date(winter).getTimezoneOffset());
  });
});
