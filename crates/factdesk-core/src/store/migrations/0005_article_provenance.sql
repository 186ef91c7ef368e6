-- Where an article's text came from: the file path or URL read, how it was read (text,
-- markdown, html, docx, pdf, pasted) and the SHA-256 of the bytes read. Earlier versions
-- keep theirs too, so a report can say which file or page each version was.
ALTER TABLE article ADD COLUMN source TEXT;
ALTER TABLE article ADD COLUMN format TEXT;
ALTER TABLE article ADD COLUMN source_hash TEXT;
ALTER TABLE article_version ADD COLUMN source TEXT;
ALTER TABLE article_version ADD COLUMN format TEXT;
ALTER TABLE article_version ADD COLUMN source_hash TEXT;
