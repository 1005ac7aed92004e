"""Source-aware rules (A7xx): a translation checked against its Russian original."""

from __future__ import annotations

from decimal import Decimal

import pytest
from click.testing import CliRunner

from conftest import paragraphs
from tqa.cli import main
from tqa.pipeline.check import check_document
from tqa.rules import ALL_RULES, select_rules
from tqa.russian_numbers import english_dates, english_numbers, russian_dates, russian_numbers
from tqa.text.document import Document

SOURCE_RULES = select_rules(["A7"])


def findings(target: str, source: str | None, rules=SOURCE_RULES):
    original = Document("article.ru.txt", paragraphs(source) + "\n") if source is not None else None
    doc = Document("article.en.txt", paragraphs(target) + "\n", source=original)
    return check_document(doc, rules)


def codes(target: str, source: str | None) -> list[str]:
    return sorted(f.code for f in findings(target, source))


# (target, source, expected codes); ` ¶ ` separates paragraphs.
CASES = [
    # A701 missing-glossary-term
    ("The Federation Council approved the law.", "Совет Федерации одобрил закон.", []),
    ("The senators approved the law.", "Совет Федерации одобрил закон.", ["A701"]),
    ("It went to the Council of the Federation.", "Закон ушёл в Совет Федерации.", []),
    ("The Armed Forces of the Russian Federation held drills.", "Вооружённые силы РФ провели учения.", []),
    ("The Ministry of Emergency Situations warned of storms.", "МЧС России предупредило о грозе.", []),
    ("EMERCOM warned of storms.", "МЧС России предупредило о грозе.", []),
    ("The Emergencies Ministry's team arrived.", "Прибыла группа МЧС России.", []),
    ("Federal Service for Hydrometeorology and Environmental Monitoring said so.", "Так сообщил Росгидромет.", []),
    ("Dmitry Peskov declined to comment.", "Дмитрий Песков отказался от комментариев.", []),
    ("Dmitri Peskov declined to comment.", "Дмитрий Песков отказался от комментариев.", []),
    ("The spokesman declined to comment.", "Дмитрий Песков отказался от комментариев.", ["A701"]),
    # acronyms, calques and connectors name one good rendering among several: not checked
    ("North Korea reported a case.", "КНДР сообщила о случае.", []),
    ("The United States imposed sanctions.", "США ввели санкции.", []),
    # A702 number-mismatch
    ("The fund raised 1.5 million rubles.", "Фонд привлёк 1,5 млн рублей.", []),
    ("The fund raised 1,500,000 rubles.", "Фонд привлёк 1,5 млн рублей.", []),
    ("The fund raised 1.5 billion rubles.", "Фонд привлёк 1,5 млн рублей.", ["A702"]),
    ("About 10,000 people came.", "Пришли около 10 тыс. человек.", []),
    ("About 10 thousand people came.", "Пришли около 10 тыс. человек.", []),
    ("About 10 people came.", "Пришли около 10 тыс. человек.", ["A702"]),
    ("In all, 13,269 died.", "Всего умерли 13\u00a0269 человек.", []),
    ("In all, 13,269 died.", "Всего умерли 13 269 человек.", []),
    ("Growth will be 3.5-4.5%.", "Рост составит 3,5-4,5%.", []),
    ("Growth will be 5 to 10 million.", "Рост составит 5-10 млн.", []),
    ("Three men and twenty-five women came.", "Пришли 3 мужчины и 25 женщин.", []),
    ("Two dozen came, and a dozen left.", "Пришли 24 человека, а 12 ушли.", []),
    ("The MiG-29 and the Su-57 flew over.", "Пролетели МиГ-29 и Су-57.", []),
    ("COVID-19 cases rose.", "Число случаев коронавируса выросло.", []),
    ("He served a year in prison.", "Он провёл 1 год в тюрьме.", []),
    ("Over the past 24 hours, 77 people died.", "За сутки умерли 77 человек.", []),
    ("In the 2019-20 season he scored 16 goals.", "В сезоне-2019/20 он забил 16 голов.", []),
    ("A 16th-century ship.", "Корабль XVI века.", []),
    ("It happened at 5:47 p.m.", "Это случилось в 17 часов 47 минут.", []),
    ("It happened at 17:47.", "Это случилось в 17:47.", []),
    ("It happened at 17: 47.", "Это случилось в 17:47.", ["A702"]),
    ("Of these, 600,3 thousand recovered.", "Из них 600,3 тысячи вылечились.", ["A702"]),
    ("In all, 812 485 cases.", "Всего 812 485 случаев.", ["A702"]),
    ("It cost $1 trillion.", "Это стоило $1 трлн.", []),
    ("It cost over 2 1/2 million tenge.", "Это стоило более двух с половиной миллионов тенге.", []),
    ("The score was 2-1.", "Счёт 2:1.", []),
    ("He is 39 years old.", "Ему 38 лет.", ["A702"]),
    # decimals and percentages are not clock times, in either language
    ("The rate was raised to 7.50%.", "Ставка повышена до 7.50%.", []),
    ("The key rate stands at 7.50%.", "Ключевая ставка составляет 7,50%.", []),
    ("The key rate stands at 7.50 percent.", "Ключевая ставка составляет 7,5 процента.", []),
    ("Growth slowed to 2.50 per cent.", "Рост замедлился до 2,5 процентов.", []),
    ("Prices rose by 2.50 times.", "Цены выросли в 2.50 раза.", []),
    ("The meeting began at 17.30.", "Встреча началась в 17.30.", []),
    ("The meeting began at 17.30.", "Встреча началась в 17.40.", ["A702"]),
    ("He is 39 years old.", "Ему 39 лет, и у него 2 сына.", ["A702"]),
    # A703 date-mismatch
    ("The talks took place on October 6.", "Переговоры прошли 6 октября.", []),
    ("The talks took place on 6 October 2021.", "Переговоры прошли 6 октября 2021 года.", []),
    ("The talks took place on Oct. 6.", "Переговоры прошли 6-го октября.", []),
    ("The talks took place on October 6, 2021.", "Переговоры прошли 6.10.2021.", []),
    ("The talks took place on October 16.", "Переговоры прошли 6 октября.", ["A703"]),
    ("The talks took place in autumn.", "Переговоры прошли в октябре.", []),
    ("He spoke in May.", "Он выступил 9 мая.", ["A703"]),
    ("The talks took place on October 5-6.", "Переговоры прошли 5-6 октября.", []),
    ("The talks took place on october 6.", "Переговоры прошли 6 октября.", []),
    ("THE TALKS TOOK PLACE ON 6 OCTOBER.", "ПЕРЕГОВОРЫ ПРОШЛИ 6 ОКТЯБРЯ.", []),
    ("The talks took place on october 16.", "Переговоры прошли 6 октября.", ["A703"]),
    # A704 name-transliteration
    ("Sergei Shoigu arrived. ¶ Shoygu said more.", "Сергей Шойгу прибыл. ¶ Шойгу сказал ещё.", ["A704"]),
    ("Sergei Shoigu arrived. ¶ Shoigu said more.", "Сергей Шойгу прибыл. ¶ Шойгу сказал ещё.", []),
    ("President Volodymyr Zelensky spoke.", "Президент Владимир Зеленский выступил.", []),
    ("Andrei Kirilenko spoke.", "Андрей Кириленко выступил.", []),
    # A705 missing-insertion-or-quote
    ('"We are leaving," he said.', "«Мы уходим отсюда навсегда», — сказал он.", []),
    ("He said they were leaving.", "«Мы уходим отсюда навсегда», — сказал он.", ["A705"]),
    ("“We are leaving for good.", "«Мы уходим отсюда навсегда. И не вернёмся.", []),
    ("The frigate Admiral Gorshkov fired.", "Фрегат «Адмирал Флота Советского Союза Горшков» выстрелил.", []),
    ("The Gazprom board met.", "Собрался совет «Газпрома».", []),
    ("Such (responsive — RT) steps.", "Такие (ответные. — RT) шаги.", []),
    ("Such responsive steps.", "Такие (ответные. — RT) шаги.", ["A705"]),
    ("The film came out.", "Вышел фильм (John Lewis: Good Trouble).", []),
    # A706 untranslated-segment
    ("Министр отказался от комментариев.", "Министр отказался от комментариев.", ["A706"]),
    ("The minister declined to comment.", "Министр отказался от комментариев.", []),
    ("Twitter", "Twitter", []),
    ("Dmitry Peskov", "Дмитрий Песков", []),
    (
        "It was written: Сергей, старая версия лучше, все так думают.",
        "Сергей, старая версия лучше, все так думают.",
        ["A706"],
    ),
    (
        "Ministr otkazalsia ot kommentariev po etomu povodu.",
        "Министр отказался от комментариев по этому поводу.",
        ["A706"],
    ),
    (
        "The administration warned of a new credit internet fraud scheme.",
        "Администрация предупредила о новой схеме кредитного интернет-мошенничества.",
        [],
    ),
    ("He quoted it in English: we will never surrender.", "Он процитировал: we will never surrender.", []),
]


@pytest.mark.parametrize(("target", "source", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_case(target, source, expected):
    assert codes(target, source) == expected


def test_no_source_no_findings():
    assert findings("The fund raised 1.5 billion rubles.", None) == []


def test_paragraph_counts_differ_no_findings():
    assert findings("The fund raised 1.5 billion rubles. ¶ More.", "Фонд привлёк 1,5 млн рублей.") == []


def test_each_paragraph_is_compared_with_its_own_source():
    target = "About 10,000 people came. ¶ They stayed 3 days."
    source = "Пришли около 10 тыс. человек. ¶ Они пробыли 4 дня."
    [finding] = findings(target, source)
    assert finding.code == "A702"
    assert "`3` (3) here but `4` (4) in the source" in finding.message


def test_missing_number_points_at_the_paragraph_start():
    [finding] = findings("Few people came.", "Пришли 25 человек.")
    assert (finding.start, finding.end) == (0, 3)
    assert "`25` (25) of the source is missing" in finding.message


def test_name_fix_replaces_the_variant():
    [finding] = findings("Sergei Shoigu came. ¶ Shoygu's words.", "Сергей Шойгу приехал. ¶ Слова Шойгу.")
    assert finding.fix is not None and finding.fix.applicability.value == "unsafe"
    [edit] = finding.fix.edits
    assert edit.content == "Shoigu"


def test_source_rules_are_registered():
    codes = [rule.code for rule in ALL_RULES if rule.code.startswith("A")]
    assert codes == ["A701", "A702", "A703", "A704", "A705", "A706", "A707"]


def test_a_calque_confirmed_by_the_source_is_reported_once_with_its_original():
    from tqa.pipeline.check import check_document
    from tqa.text.document import Document

    target = "NATO prefers to maintain an increased degree in relations with Moscow.\n"
    source = Document("a.ru.txt", "НАТО предпочитает сохранять повышенный градус в отношениях с Москвой.\n")
    with_source = {f.code for f in check_document(Document("a.en.txt", target, source=source), ALL_RULES)}
    alone = {f.code for f in check_document(Document("a.en.txt", target), ALL_RULES)}
    assert "A707" in with_source and "T501" not in with_source
    assert "T501" in alone and "A707" not in alone


# --- parsing -------------------------------------------------------------------

RUSSIAN_NUMBERS = [
    ("1,5 млн", ["1500000"]),
    ("10 тыс.", ["10000"]),
    ("10 тысяч", ["10000"]),
    ("1 000", ["1000"]),
    ("1\u00a0000", ["1000"]),
    ("1\u2009000\u2009000", ["1000000"]),
    ("2,5 млрд", ["2500000000"]),
    ("5-10 млн", ["5000000", "10000000"]),
    ("25%", ["25"]),
    ("двадцать пять", ["25"]),
    ("двух с половиной миллионов", ["2500000"]),
    ("полтора миллиона", ["1500000"]),
]
ENGLISH_NUMBERS = [
    ("1,000", ["1000"]),
    ("1.5 million", ["1500000"]),
    ("10 thousand", ["10000"]),
    ("$5bn", ["5000000000"]),
    ("$3m", ["3000000"]),
    ("twenty-five", ["25"]),
    ("three hundred and five", ["305"]),
    ("a dozen", ["12"]),
    ("two million", ["2000000"]),
    ("two and a half million", ["2500000"]),
    ("6th", ["6"]),
    ("the 1990s", ["1990"]),
]


@pytest.mark.parametrize(("text", "values"), RUSSIAN_NUMBERS)
def test_russian_numbers(text, values):
    assert [str(n.value.normalize()) if n.value % 1 else str(int(n.value)) for n in russian_numbers(text)] == values


@pytest.mark.parametrize(("text", "values"), ENGLISH_NUMBERS)
def test_english_numbers(text, values):
    assert [str(n.value.normalize()) if n.value % 1 else str(int(n.value)) for n in english_numbers(text)] == values


def test_codes_and_words_are_only_counterparts():
    su57, covid = [n for n in russian_numbers("Су-57 и COVID-19") if n.value in (57, 19)]
    assert su57.code and covid.code and not su57.reportable
    [two] = english_numbers("two")
    assert not two.digits and not two.reportable


def test_clock_times():
    [time] = [n for n in russian_numbers("в 17 часов 47 минут") if n.kind == "time"]
    assert time.value == Decimal(17 * 60 + 47)
    [english] = english_numbers("at 5:47 p.m.")
    assert english.kind == "time" and english.value == time.value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("6 октября", [(6, 10)]),
        ("в ночь на 6-го октября", [(6, 10)]),
        ("6.10.2021", [(6, 10)]),
        ("5-6 октября", [(5, 10), (6, 10)]),
        ("1 мая", [(1, 5)]),
        ("в марте", []),
        ("24 февраля", [(24, 2)]),
        ("1 декабря", [(1, 12)]),
    ],
)
def test_russian_dates(text, expected):
    assert [(d.day, d.month) for d in russian_dates(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("October 6", [(6, 10)]),
        ("6 October", [(6, 10)]),
        ("Oct. 6", [(6, 10)]),
        ("the 6th of October", [(6, 10)]),
        ("6.10.2021", [(6, 10)]),
        ("10/6/2021", [(10, 6), (6, 10)]),
        ("2021-10-06", [(6, 10)]),
        ("you may 5", []),
        ("october 6", [(6, 10)]),
        ("6 OCTOBER", [(6, 10)]),
        ("MAY 9", [(9, 5)]),
    ],
)
def test_english_dates(text, expected):
    assert [(d.day, d.month) for d in english_dates(text)] == expected


# --- command line ------------------------------------------------------------------


def test_cli_pairs_article_en_with_article_ru(tmp_path):
    (tmp_path / "article.en.txt").write_text("About 10 people came.\n\nThe talks ended.\n", encoding="utf-8")
    (tmp_path / "article.ru.txt").write_text(
        "Пришли около 10 тыс. человек.\n\nПереговоры закончились.\n", encoding="utf-8"
    )
    result = CliRunner().invoke(main, ["check", "--select", "A7", str(tmp_path)])
    assert result.exit_code == 1, result.output
    assert "article.en.txt:1:7: A702" in result.output
    assert "article.ru.txt" not in result.output.split("A702")[0].splitlines()[-1]


def test_cli_source_option(tmp_path):
    target = tmp_path / "translation.txt"
    original = tmp_path / "original.txt"
    target.write_text("The talks took place on October 16.\n", encoding="utf-8")
    original.write_text("Переговоры прошли 6 октября.\n", encoding="utf-8")
    without = CliRunner().invoke(main, ["check", "--select", "A7", str(target)])
    assert without.exit_code == 0, without.output
    result = CliRunner().invoke(main, ["check", "--select", "A7", "--source", str(original), str(target)])
    assert result.exit_code == 1, result.output
    assert "A703" in result.output


def test_cli_misaligned_source_is_an_error(tmp_path):
    (tmp_path / "article.en.txt").write_text("One.\n\nTwo.\n\nThree.\n", encoding="utf-8")
    (tmp_path / "article.ru.txt").write_text("Один.\n\nДва.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--select", "A7", str(tmp_path)])
    assert result.exit_code == 2
    assert "alignment breaks" in result.output


def test_cli_fix_applies_the_name_fix_only_when_unsafe(tmp_path):
    (tmp_path / "article.en.txt").write_text("Sergei Shoigu came.\n\nShoygu spoke.\n", encoding="utf-8")
    (tmp_path / "article.ru.txt").write_text("Сергей Шойгу приехал.\n\nШойгу выступил.\n", encoding="utf-8")
    CliRunner().invoke(main, ["fix", "--select", "A7", str(tmp_path)])
    assert "Shoygu" in (tmp_path / "article.en.txt").read_text(encoding="utf-8")
    CliRunner().invoke(main, ["fix", "--select", "A7", "--unsafe-fixes", str(tmp_path)])
    assert (tmp_path / "article.en.txt").read_text(encoding="utf-8") == "Sergei Shoigu came.\n\nShoigu spoke.\n"


def test_missing_glossary_term_accepts_every_rendering_the_entry_lists(tmp_path):
    glossary = tmp_path / "titles.toml"
    glossary.write_text(
        """[[entry]]
id = "head-of-foreign-ministry"
ru = "глава МИД"
en = "foreign minister"
also = ["Foreign Secretary", "secretary of state"]
avoid = ["head of the Foreign Ministry"]
kind = "title"
domain = "diplomacy"
note = "глава МИД is the foreign minister; the British one is the Foreign Secretary."
ref = "gov.uk and state.gov usage"
fix = "unsafe"
flag = ["The head of the Foreign Ministry will visit Ankara next week."]
ok = ["The foreign minister will visit Ankara next week."]
""",
        encoding="utf-8",
    )

    def a701(target: str, source: str) -> list[str]:
        original = Document("article.ru.txt", source + "\n")
        doc = Document("article.en.txt", target + "\n", glossary_files=(str(glossary),), source=original)
        return [f.code for f in check_document(doc, select_rules(["A701"]))]

    source = "Глава МИД Доминик Рааб заявил это."
    assert a701("Foreign Secretary Dominic Raab said so.", source) == []
    assert a701("The foreign minister Dominic Raab said so.", source) == []
    assert a701("Dominic Raab said so.", source) == ["A701"]
