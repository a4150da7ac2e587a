//! Entity ids: lower-case ASCII slugs of canonical names.

use std::collections::HashSet;

/// The ASCII letters a Latin letter with a diacritic folds to, if it is one
/// of the common ones ("é" → "e", "ß" → "ss").
fn fold(c: char) -> Option<&'static str> {
    let folded = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
        'ğ' => "g",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => "i",
        'ł' | 'ľ' => "l",
        'ñ' | 'ń' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
        'œ' => "oe",
        'ř' => "r",
        'ś' | 'š' | 'ş' | 'ș' => "s",
        'ß' => "ss",
        'ť' | 'ţ' | 'ț' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' => "u",
        'ý' | 'ÿ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        'þ' => "th",
        _ => return None,
    };
    Some(folded)
}

/// The slug of `name`: ASCII letters and digits in lower case, common Latin
/// diacritics folded, every other run of characters one hyphen, no leading or
/// trailing hyphen; `"entity"` when nothing is left (a name in another script).
pub(crate) fn slug(name: &str) -> String {
    let mut slug = String::with_capacity(name.len());
    let mut pending_hyphen = false;
    for c in name.chars().flat_map(char::to_lowercase) {
        let piece = if c.is_ascii_alphanumeric() {
            Some(c.to_string())
        } else {
            fold(c).map(str::to_owned)
        };
        match piece {
            Some(p) => {
                if pending_hyphen && !slug.is_empty() {
                    slug.push('-');
                }
                pending_hyphen = false;
                slug.push_str(&p);
            }
            None => pending_hyphen = true,
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
        let mut id = base.clone();
        let mut n = 2;
        while self.taken.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
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
        assert_eq!(slug("中文"), "entity");
    }

    #[test]
    fn ids_are_unique() {
        let mut ids = Ids::default();
        assert_eq!(ids.id_for("Paris"), "paris");
        assert_eq!(ids.id_for("PARIS"), "paris-2");
        assert_eq!(ids.id_for("paris!"), "paris-3");
    }
}
