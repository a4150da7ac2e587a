//! Entity ids: lower-case ASCII slugs of canonical names.

use super::super::gazetteer::HashSet;

/// The slug of `name`: the name transliterated to ASCII (`deunicode`:
/// "Élysée" → "elysee", "Владимир Путин" → "vladimir-putin", "İmamoğlu" →
/// "imamoglu"), letters and digits in lower case, every other run of
/// characters one hyphen, no leading or trailing hyphen; `"entity"` only
/// when nothing is left (a name of symbols). A name in any script gets an
/// id of its own, so saved references (a speaker set by hand) stay with it.
pub(crate) fn slug(name: &str) -> String {
    let ascii = deunicode::deunicode_with_tofu(name, " ");
    let mut slug = String::with_capacity(ascii.len());
    let mut pending_hyphen = false;
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            if pending_hyphen && !slug.is_empty() {
                slug.push('-');
            }
            pending_hyphen = false;
            slug.push(c.to_ascii_lowercase());
        } else {
            pending_hyphen = true;
        }
    }
    if slug.is_empty() {
        slug.push_str("entity");
    }
    slug
}

/// Hands out slugs that are unique within one analysis: the second entity
/// whose slug is `x` gets `x-2`, the third `x-3`.
#[derive(Debug, Default)]
pub(crate) struct Ids {
    taken: HashSet<String>,
}

impl Ids {
    /// A unique id for an entity called `name`.
    pub(crate) fn id_for(&mut self, name: &str) -> String {
        let base = slug(name);
        // Nearly every slug is free: no copy of it before that is known.
        if !self.taken.contains(&base) {
            self.taken.insert(base.clone());
            return base;
        }
        let mut n = 2;
        let mut id = format!("{base}-{n}");
        while self.taken.contains(&id) {
            n += 1;
            id = format!("{base}-{n}");
        }
        self.taken.insert(id.clone());
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slug("Emmanuel Macron"), "emmanuel-macron");
        assert_eq!(slug("U.S."), "u-s");
        assert_eq!(slug("Journal du Dimanche"), "journal-du-dimanche");
        assert_eq!(slug("Élysée Palace"), "elysee-palace");
        assert_eq!(slug("Владимир Путин"), "vladimir-putin");
        assert_eq!(slug("Ангела Меркель"), "angela-merkel");
        assert_eq!(slug("İmamoğlu"), "imamoglu");
        assert_eq!(slug("Nguyễn Phú Trọng"), "nguyen-phu-trong");
        assert_eq!(slug("Straße"), "strasse");
        assert_ne!(slug("中文"), "entity");
    }

    #[test]
    fn ids_are_unique() {
        let mut ids = Ids::default();
        assert_eq!(ids.id_for("Paris"), "paris");
        assert_eq!(ids.id_for("PARIS"), "paris-2");
        assert_eq!(ids.id_for("paris!"), "paris-3");
    }
}
