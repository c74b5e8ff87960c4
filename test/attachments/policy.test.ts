import { describe, expect, it } from 'vitest';
import { uploadsClaimable } from '../../src/server/modules/attachments/attachments.policy.js';

describe('uploadsClaimable', () => {
  const own = (token: string) => ({ upload_token: token, uploader_id: 'usr_me' });
  const guest = (token: string) => ({ upload_token: token, uploader_id: null });
  const other = (token: string) => ({ upload_token: token, uploader_id: 'usr_other' });

  it('accepts the uploader’s own files, several under one token', () => {
    expect(uploadsClaimable([own('a'), own('a'), own('b')], ['a', 'b', 'a'], 'usr_me', { guestUploads: false })).toBe(true);
  });

  it('refuses a token that names no unclaimed file (expired, deleted or already sent)', () => {
    expect(uploadsClaimable([own('a')], ['a', 'gone'], 'usr_me', { guestUploads: true })).toBe(false);
    expect(uploadsClaimable([], ['gone'], 'usr_me', { guestUploads: true })).toBe(false);
  });

  it('refuses someone else’s upload, and a guest upload unless guest uploads are allowed', () => {
    expect(uploadsClaimable([own('a'), other('b')], ['a', 'b'], 'usr_me', { guestUploads: true })).toBe(false);
    expect(uploadsClaimable([guest('g')], ['g'], 'usr_me', { guestUploads: true })).toBe(true);
    expect(uploadsClaimable([guest('g')], ['g'], 'usr_me', { guestUploads: false })).toBe(false);
  });
});
