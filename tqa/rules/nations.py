"""Nationality adjectives and the countries they name, as English news writes them."""

from __future__ import annotations

# adjective -> the country's name in running text
COUNTRY_OF: dict[str, str] = {
    "Afghan": "Afghanistan", "Albanian": "Albania", "Algerian": "Algeria", "American": "the United States",
    "Argentine": "Argentina", "Armenian": "Armenia", "Australian": "Australia", "Austrian": "Austria",
    "Azerbaijani": "Azerbaijan", "Belarusian": "Belarus", "Belgian": "Belgium", "Brazilian": "Brazil",
    "British": "Britain", "Bulgarian": "Bulgaria", "Canadian": "Canada", "Chinese": "China",
    "Croatian": "Croatia", "Cuban": "Cuba", "Cypriot": "Cyprus", "Czech": "the Czech Republic",
    "Danish": "Denmark", "Dutch": "the Netherlands", "Egyptian": "Egypt", "Estonian": "Estonia",
    "Ethiopian": "Ethiopia", "Finnish": "Finland", "French": "France", "Georgian": "Georgia",
    "German": "Germany", "Greek": "Greece", "Hungarian": "Hungary", "Indian": "India",
    "Indonesian": "Indonesia", "Iranian": "Iran", "Iraqi": "Iraq", "Irish": "Ireland", "Israeli": "Israel",
    "Italian": "Italy", "Japanese": "Japan", "Jordanian": "Jordan", "Kazakh": "Kazakhstan",
    "Kazakhstani": "Kazakhstan", "Kyrgyz": "Kyrgyzstan", "Latvian": "Latvia", "Lebanese": "Lebanon",
    "Libyan": "Libya", "Lithuanian": "Lithuania", "Moldovan": "Moldova", "Mongolian": "Mongolia",
    "Norwegian": "Norway", "Pakistani": "Pakistan", "Palestinian": "the Palestinians", "Polish": "Poland",
    "Portuguese": "Portugal", "Qatari": "Qatar", "Romanian": "Romania", "Russian": "Russia",
    "Saudi": "Saudi Arabia", "Serbian": "Serbia", "Slovak": "Slovakia", "Slovenian": "Slovenia",
    "Spanish": "Spain", "Swedish": "Sweden", "Swiss": "Switzerland", "Syrian": "Syria", "Tajik": "Tajikistan",
    "Turkish": "Turkey", "Turkmen": "Turkmenistan", "Ukrainian": "Ukraine", "Uzbek": "Uzbekistan",
    "Venezuelan": "Venezuela", "Vietnamese": "Vietnam", "Korean": "Korea",
}  # fmt: skip

# country names as MT writes them after `of` (`the Ministry of Defense of Britain`) -> adjective
ADJECTIVE_OF: dict[str, str] = {country.removeprefix("the "): adjective for adjective, country in COUNTRY_OF.items()}
ADJECTIVE_OF.update(
    {
        "the Russian Federation": "Russian", "Russian Federation": "Russian", "the USA": "US", "USA": "US",
        "the US": "US", "the U.S.": "US", "US": "US", "the United States": "US", "United States": "US",
        "Great Britain": "British", "the United Kingdom": "British", "United Kingdom": "British", "the UK": "British",
        "UK": "British", "the Republic of Belarus": "Belarusian", "the Republic of Kazakhstan": "Kazakh",
    }
)  # fmt: skip
ADJECTIVE_OF["Kazakhstan"] = "Kazakh"
# adjective (and the short forms MT uses) -> the possessive owner English news writes
OWNER_OF: dict[str, str] = {adjective: country for adjective, country in COUNTRY_OF.items()}
OWNER_OF.update({"US": "the US", "U.S.": "the US", "Russian Federation": "Russia"})
