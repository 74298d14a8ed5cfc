/** Row types of the editor's tables (migration 2026-11-25T06-00-editor). */
export interface EditorTokensTable {
  /** SHA-256 (hex) of the token; the token itself is never stored. */
  token_hash: string;
  /**
   * `link`: the single-use editor link; `session`: the editor session the link starts (its cookie);
   * `preview`: a short-lived link to `/preview/{appId}` for another device.
   */
  kind: 'link' | 'session' | 'preview';
  app_id: string;
  /** Who the link was made for; becomes the editor's "updated by" / "published by". */
  label: string;
  created_at: string;
  expires_at: string;
  /** When a single-use link was spent. */
  used_at: string | null;
}

export interface EditorImagesTable {
  /** Content hash plus extension: the same image uploaded twice is stored once. */
  id: string;
  app_id: string;
  content_type: string;
  bytes: Uint8Array;
  created_at: string;
}

export interface EditorTables {
  editor_tokens: EditorTokensTable;
  editor_images: EditorImagesTable;
}
