-- OpenID-mode apps name buyers by buyer_open_id instead of their 2088 user id.
ALTER TABLE apps ADD COLUMN openid_mode BOOLEAN DEFAULT FALSE NOT NULL;
