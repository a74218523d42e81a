-- The media library keeps one copy of a file per organization: an upload whose bytes are already
-- in the library (same sha256, computed while the body streams in) returns the existing item.
-- Rows from before have no hash (NULL), and NULLs never collide in a unique index, so they stay as
-- they are. The index is per organization: two organizations uploading the same file each get their
-- own item, and the unique constraint settles two concurrent uploads of one file to one row.
ALTER TABLE media ADD COLUMN content_hash text;
CREATE UNIQUE INDEX media_organization_id_content_hash_key ON media (organization_id, content_hash);
