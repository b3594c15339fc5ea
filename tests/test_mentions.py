"""Entities: the registry as data, names in both languages, new organisations, coreference."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dealgraph.mentions import _Spans, find_mentions
from dealgraph.registry import load_registry


@pytest.fixture(scope="module")
def reg():  # type: ignore[no-untyped-def]
    return load_registry()


def found(text: str, lang: str) -> list[tuple[str, str, str]]:
    return [(m.text, m.entity, m.kind) for m in find_mentions(text, lang).mentions]


def test_the_seed_ids_and_the_contract_ids_are_in_the_registry(reg) -> None:  # type: ignore[no-untyped-def]
    for eid in (
        "huawei", "zte", "asml", "nexperia", "wingtech", "ericsson", "nokia", "kpn", "vodafone",
        "bt", "united-states", "china", "netherlands", "united-kingdom", "russia", "xi-jinping",
        "mts", "afp", "chinese-government", "5g", "dutch-government", "british-government",
        "american-government", "french-government", "us-department-of-commerce",
        "bureau-of-industry-and-security",
    ):  # fmt: skip
        assert eid in reg.entities, eid
    assert reg.entities["huawei"].wikidata == "Q160120"
    assert reg.entities["xi-jinping"].leader_of == "china"
    assert reg.entities["chinese-government"].label == {
        "en": "Government of China",
        "nl": "Chinese overheid",
    }


@pytest.mark.parametrize(
    ("eid", "nl", "en"),
    [
        ("russia", "Rusland", "Russia"),
        ("south-korea", "Zuid-Korea", "South Korea"),
        ("belgium", "België", "Belgium"),
        ("hungary", "Hongarije", "Hungary"),
    ],
)
def test_every_country_has_its_cldr_names(reg, eid: str, nl: str, en: str) -> None:  # type: ignore[no-untyped-def]
    assert reg.entities[eid].label == {"en": en, "nl": nl} and reg.entities[eid].type == "State"
    assert [m.entity for m in reg.find(f"In {nl} en {en}.")] == [eid, eid]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "nl",
            "De Amerikaanse regering en de VS.",
            [
                ("Amerikaanse regering", "american-government", "government"),
                ("VS", "united-states", "name"),
            ],
        ),
        (
            "nl",
            "De Chinese overheid, Peking en Washington.",
            [
                ("Chinese overheid", "chinese-government", "government"),
                ("Peking", "chinese-government", "capital"),
                ("Washington", "american-government", "capital"),
            ],
        ),
        (
            "nl",
            "De regering-Trump en het kabinet.",
            [
                ("regering-Trump", "american-government", "government"),
                ("het kabinet", "dutch-government", "government"),
            ],
        ),
        (
            "nl",
            "Russische en Britse bedrijven.",
            [("Russische", "russia", "adjective"), ("Britse", "united-kingdom", "adjective")],
        ),
        (
            "en",
            "The British government and the Trump administration.",
            [
                ("British government", "british-government", "government"),
                ("Trump administration", "american-government", "government"),
            ],
        ),
        (
            "en",
            "U.S. firms and the U.S. said.",
            [("U.S.", "united-states", "adjective"), ("U.S.", "united-states", "name")],
        ),
        (
            "en",
            "China's ZTE and Britain's NCSC.",
            [
                ("China", "china", "adjective"),
                ("ZTE", "zte", "name"),
                ("Britain", "united-kingdom", "adjective"),
                ("NCSC", "national-cyber-security-centre", "name"),
            ],
        ),
    ],
)
def test_names_adjectives_governments_and_capitals(
    lang: str, text: str, expected: list[tuple[str, str, str]]
) -> None:
    assert found(text, lang) == expected


@pytest.mark.parametrize(
    ("lang", "text", "eid"),
    [
        # every sovereign state has its adjectives and its government, not only the 55 the
        # development set named
        ("nl", "De Albanese regering verbrak de banden.", "albanian-government"),
        ("en", "The Norwegian government said so.", "norwegian-government"),
        ("en", "Chilean regulators said so.", "chile"),
        ("nl", "Chileense toezichthouders zeiden dat.", "chile"),
        ("en", "Pristina said so.", "kosovar-government"),  # no ISO code in pycountry: XK
        ("en", "The Kosovar government said so.", "kosovar-government"),
        ("nl", "Kosovo en Servië tekenden.", "kosovo"),
        ("en", "Myanmar's junta said so.", "myanmar"),
    ],
)
def test_every_state_has_adjectives_and_a_government(lang: str, text: str, eid: str) -> None:
    assert eid in [e for _, e, _ in found(text, lang)]


def test_a_countrys_adjective_is_no_persons_name() -> None:
    # "Albanese" is the Australian prime minister; the Dutch adjective is "Albanees" then
    assert [e for _, e, _ in found("Prime Minister Anthony Albanese said so.", "en")] == [
        "anthony-albanese"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Let us talk about trusts.",
        "The mts and bt of it.",
        "Stockholm-based rivals",
        "a meeting in the US",
    ],
)
def test_case_and_word_boundaries(text: str) -> None:
    names = [e for _, e, _ in found(text, "en")]
    assert "mts" not in names and "bt" not in names
    if text.startswith(("Let", "The")):
        assert "united-states" not in names
    if "Stockholm" in text:
        assert names == []
    if text.endswith("US"):
        assert names == ["united-states"]


@pytest.mark.parametrize(
    ("lang", "text", "eid", "etype", "country"),
    [
        ("nl", "De Russische telecomprovider Zeta tekende.", "zeta", "Company", "russia"),
        (
            "nl",
            "Het Chinese staatsbedrijf China Aviation Group tekende.",
            "china-aviation-group",
            "Company",
            "china",
        ),
        ("en", "Dutch chipmaker Globex signed.", "globex", "Company", "netherlands"),
        ("en", "The deal with Acme Inc. was signed.", "acme", "Company", None),
        ("en", "It went to Zenith Capital and others.", "zenith-capital", "Company", None),
        ("en", "Finnish Prime Minister Jane Doe spoke.", "jane-doe", "Person", None),
        ("nl", "Het Belgische persbureau Belnews meldde het.", "belnews", "NewsAgency", "belgium"),
        # institutions by their head word, with the connectors inside their names
        (
            "en",
            "It was shut out by Portugal's Higher Council for Cyberspace Security on Monday.",
            "higher-council-for-cyberspace-security",
            "GovernmentBody",
            "portugal",
        ),
        (
            "en",
            "The US Consumer Product Safety Commission and ZTE settled.",
            "consumer-product-safety-commission",
            "GovernmentBody",
            "united-states",
        ),
        (
            "en",
            "Chile's Ministry of Mining, Energy and Water said so.",
            "ministry-of-mining-energy-and-water",
            "GovernmentBody",
            "chile",
        ),
        (
            "nl",
            "Volgens de Raad voor Digitale Veiligheid is dat zo.",
            "raad-voor-digitale-veiligheid",
            "GovernmentBody",
            None,
        ),
        (
            "en",
            "It blacklisted the Wuxi Jiangnan Institute of Computing Technology.",
            "wuxi-jiangnan-institute-of-computing-technology",
            "Organization",
            None,
        ),
        # a Dutch ministry: a lower-case head before its capitalised portfolio
        (
            "nl",
            "Londen hield het Chinese ministerie van Staatsveiligheid verantwoordelijk.",
            "chinese-ministerie-van-staatsveiligheid",
            "GovernmentBody",
            "china",
        ),
        # a person set off by commas from the title, on either side
        ("en", '"No," its commissioner, Geoffrey Starks, said.', "geoffrey-starks", "Person", None),
        (
            "en",
            "Alicia Kearns, the chair of the committee, urged it.",
            "alicia-kearns",
            "Person",
            None,
        ),
        ("nl", "De Amerikaanse gezant Jan Pieterse waarschuwde.", "jan-pieterse", "Person", None),
        # an indefinite apposition; each name of a list after a plural noun
        (
            "en",
            "It sold the plant to Silex Microsystems, a Swedish company owned by others.",
            "silex-microsystems",
            "Company",
            "sweden",
        ),
        (
            "nl",
            "De chipmachinemakers Kingsemi en Globex staan op de lijst.",
            "kingsemi",
            "Company",
            None,
        ),
        (
            "en",
            "It put sanctions on two Chinese nationals, Zhao Guangzong and Ni Gaobin, on Monday.",
            "ni-gaobin",
            "Person",
            "china",
        ),
        (
            "nl",
            "Vier brancheorganisaties, onder wie de Internet Society, riepen op.",
            "internet-society",
            "Organization",
            None,
        ),
        # a known company's unit in a country, name words between (no initials: no HTC)
        (
            "en",
            "Huawei Technologies Canada works with Bell.",
            "huawei-technologies-canada",
            "Company",
            "canada",
        ),
        (
            "en",
            "It ordered TikTok Technology Canada to close.",
            "tiktok-technology-canada",
            "Company",
            "canada",
        ),
        # a capital that opens a name ending in a name word
        ("en", "Beijing Kunlun Tech agreed to sell.", "beijing-kunlun-tech", "Company", None),
        # an unknown name right after a state's adjective (Dutch, after "het") or possessive
        (
            "nl",
            "Berlijn verbiedt de verkoop aan het Chinese Addsino.",
            "addsino",
            "Company",
            "china",
        ),
        ("en", "The unit was sold to China's Addsino last year.", "addsino", "Company", "china"),
        # a title as the last part of a compound whose first part is a name
        ("nl", "Ook SSB-voorzitter Ismail Demir wordt getroffen.", "ismail-demir", "Person", None),
        ("nl", "Het gaat om GRU-officier Dmitri Badin.", "dmitri-badin", "Person", None),
        # the title of something, then the name set off by commas
        (
            "nl",
            "Sancties tegen de baas van de Russische militaire inlichtingendienst GRU, Igor "
            "Kostjoekov, en anderen.",
            "igor-kostjoekov",
            "Person",
            None,
        ),
        ("en", "The sanctions hit its head, Ismail Demir, too.", "ismail-demir", "Person", None),
        # a title, its portfolio and the person: the last two of the capitalised words
        (
            "nl",
            "Volgens minister van Binnenlandse Zaken Joachim Brudzinski is het zo.",
            "joachim-brudzinski",
            "Person",
            None,
        ),
        (
            "nl",
            "Volgens minister van Handel, Industrie en Energie Sung Yun-mo is dat zo.",
            "sung-yun-mo",
            "Person",
            None,
        ),
        # a title that ends a closed Dutch compound, and a title "to" a place
        (
            "nl",
            "Het decreet van landbouwminister Stefano Patuanelli.",
            "stefano-patuanelli",
            "Person",
            None,
        ),
        (
            "en",
            "Then the ambassador to Denmark, Carla Sands, warned the islands.",
            "carla-sands",
            "Person",
            None,
        ),
        ("en", "It named the agency's chief, Igor Korobov, too.", "igor-korobov", "Person", None),
        # a capital in the noun phrase says where the organisation is
        (
            "en",
            "MGX, an Abu Dhabi investment company, will invest.",
            "mgx",
            "Company",
            "united-arab-emirates",
        ),
        ("nl", "De staatsholding SEPI koopt de aandelen.", "sepi", "Company", None),
        # a country's people and a hyphenated compound before a list of names
        (
            "nl",
            "Eerder kwamen de Canadezen Michael Kovrig en Michael Spavor aan.",
            "michael-spavor",
            "Person",
            None,
        ),
        (
            "nl",
            "Volgens de aanklacht stuurden de FSB-officieren Dmitri Dokoetsjajev en Igor "
            "Soesjtsjin de hackers aan.",
            "igor-soesjtsjin",
            "Person",
            None,
        ),
        ("nl", "Het discrimineerde de staatszender RT al jaren.", "rt", "NewsAgency", None),
        # a Korean given name of two syllables written apart
        ("en", "Park Jin Hyok is accused of fraud.", "park-jin-hyok", "Person", None),
        (
            "en",
            "It hit the Presidency of Defence Industries on Monday.",
            "presidency-of-defence-industries",
            "GovernmentBody",
            None,
        ),
    ],
)
def test_new_entities_are_introduced_and_flagged_for_review(
    lang: str, text: str, eid: str, etype: str, country: str | None
) -> None:
    ents = find_mentions(text, lang)
    assert eid in ents.new
    e = ents.entities[eid]
    assert (e.type, e.country, e.review) == (etype, country, True)
    if etype == "Person" and "Minister" in text:
        assert e.leader_of == "finland"


@pytest.mark.parametrize(
    ("lang", "text", "absent"),
    [
        ("en", "The European Commission and Huawei met.", "european-commission-and-huawei"),
        ("en", "The Board of Huawei met on Monday.", "board-of-huawei"),
        ("en", "The Commission met on Tuesday.", "commission"),
        ("en", "The Council on Tuesday agreed.", "council-on-tuesday"),
        # a list is closed by "and": two names and a comma are no list
        ("en", "Its suppliers Foxconn, Inventec, said so.", "inventec"),
        ("en", "The company, a Nokia unit, agreed.", "nokia-unit"),
        ("nl", "Volgens oud-president Jan Peeters is dat onzin.", "jan-peeters"),
        # a company's name after a title and "of" is no portfolio
        (
            "en",
            "The president of Sony Computer Entertainment America said so.",
            "entertainment-america",
        ),
    ],
)
def test_an_institution_is_not_made_of_known_names_or_dates(
    lang: str, text: str, absent: str
) -> None:
    assert absent not in find_mentions(text, lang).entities


@pytest.mark.parametrize(
    ("lang", "text", "name"),
    [
        ("nl", "Airbus heeft in het Chinese Tianjin een assemblagelijn.", "Tianjin"),
        ("en", "Saudi Arabia agreed to buy Russia's S-400 system.", "S-400"),
        ("en", "Italy joined China's Belt and Road Initiative.", "Belt"),
        ("en", "It was Pakistan's Sindh Province.", "Sindh Province"),
        ("en", "Britain's Jewish community said so.", "Jewish"),
        ("en", "Australia's PM said so.", "PM"),
    ],
)
def test_no_company_after_a_states_adjective(lang: str, text: str, name: str) -> None:
    """A place, a product, part of a longer name, a body or an adjective after a state's
    adjective or possessive is no new company."""
    ents = find_mentions(text, lang)
    assert [e for e in ents.new if ents.entities[e].label.get("") == name] == []


def test_a_known_institution_by_its_acronym_or_the_rest_of_its_name() -> None:
    ents = find_mentions(
        "The Post and Telecom Authority, PTS, decided. Founder Eugene Kaspersky denied it.", "en"
    )
    assert [(m.text, m.entity) for m in ents.mentions][:2] == [
        ("Post and Telecom Authority", "swedish-post-and-telecom-authority"),
        ("PTS", "swedish-post-and-telecom-authority"),
    ]
    # a known company's name as a titled person's surname is the person's
    assert "eugene-kaspersky" in ents.new


@pytest.mark.parametrize(
    ("lang", "text", "phrase", "eid"),
    [
        ("nl", "Huawei sloot een deal met MTS. Het bedrijf is blij.", "Het bedrijf", "huawei"),
        (
            "nl",
            "MTS tekende met Huawei. De Chinese fabrikant is blij.",
            "De Chinese fabrikant",
            "huawei",
        ),
        (
            "nl",
            "Huawei tekende met MTS. De Russische operator is blij.",
            "De Russische operator",
            "mts",
        ),
        (
            "nl",
            "ASML tekende. De Veldhovense chipmachinemaker groeit.",
            "De Veldhovense chipmachinemaker",
            "asml",
        ),
        (
            "nl",
            "Wingtech kocht Nexperia. Wingtech neemt een belang in het bedrijf.",
            "het bedrijf",
            "nexperia",
        ),
        (
            "en",
            "Huawei signed with MTS. The Chinese company is pleased.",
            "The Chinese company",
            "huawei",
        ),
        ("en", "BT signed with Huawei. The operator is pleased.", "The operator", "bt"),
        ("en", "Huawei was banned. The telecoms giant objected.", "The telecoms giant", "huawei"),
        (
            "en",
            "Sweden's telecoms regulator banned Huawei.",
            "Sweden's telecoms regulator",
            "swedish-post-and-telecom-authority",
        ),
        (
            "en",
            "Britain allowed it. Then the government changed its mind.",
            "the government",
            "british-government",
        ),
        ("en", "President Xi Jinping arrived. He met the king.", "He", "xi-jinping"),
    ],
)
def test_coreference(lang: str, text: str, phrase: str, eid: str) -> None:
    assert (phrase, eid, "coref") in found(text, lang)


@pytest.mark.parametrize(
    ("lang", "text", "phrase", "eid"),
    [
        # a ministry by its domain is the registry's ministry of that domain, never another
        # ministry of the state whose description says "ministry"
        (
            "en",
            "Japan will require licences, its trade ministry said.",
            "its trade ministry",
            "japanese-ministry-of-economy-trade-and-industry",
        ),
        (
            "en",
            "India banned 59 apps. The information technology ministry said so.",
            "The information technology ministry",
            "indian-ministry-of-electronics-and-information-technology",
        ),
    ],
)
def test_a_ministry_by_its_domain(lang: str, text: str, phrase: str, eid: str) -> None:
    assert (phrase, eid, "coref") in found(text, lang)


def test_both_men_are_the_last_two_people_named() -> None:
    text = "De Canadezen Michael Kovrig en Michael Spavor werden aangehouden. Peking beschuldigde beide mannen."
    found_here = [
        (m.text, m.entity) for m in find_mentions(text, "nl").mentions if m.kind == "coref"
    ]
    assert found_here == [("beide mannen", "michael-kovrig"), ("beide mannen", "michael-spavor")]


def test_a_part_of_a_name_refers_to_nothing_named_before() -> None:
    text = "Microsoft praat met ByteDance over de overname van de Amerikaanse tak van TikTok."
    assert [m.entity for m in find_mentions(text, "nl").mentions] == [
        "microsoft",
        "bytedance",
        "tiktok",
    ]


def test_an_introduced_name_that_is_a_known_id_is_the_known_one() -> None:
    text = "It turned down a request by Spark, the country's largest telecoms operator."
    ents = find_mentions(text, "en")
    assert [(m.text, m.entity) for m in ents.mentions] == [("Spark", "spark")]
    assert "spark" not in ents.new


def test_a_known_persons_last_name_after_the_full_name() -> None:
    text = "Fedorov sprak. Mychajlo Fedorov vroeg Musk om hulp, schreef Fedorov."
    assert [
        (m.text, m.entity)
        for m in find_mentions(text, "nl").mentions
        if m.entity == ("mykhailo-fedorov")
    ] == [("Mychajlo Fedorov", "mykhailo-fedorov"), ("Fedorov", "mykhailo-fedorov")]


def test_short_forms_and_subsidiaries() -> None:
    ents = find_mentions("T-Mobile US signed. T-Mobile is big. Orange Belgium agreed.", "en")
    assert [(m.text, m.entity) for m in ents.mentions] == [
        ("T-Mobile US", "t-mobile-us"),
        ("T-Mobile", "t-mobile-us"),
        ("Orange Belgium", "orange-belgium"),
    ]
    assert ents.entities["orange-belgium"].country == "belgium"


_span = st.tuples(st.integers(0, 2000), st.integers(1, 600)).map(lambda t: (t[0], t[0] + t[1]))


@given(
    spans=st.lists(_span, max_size=30),
    added=st.lists(_span, max_size=10),
    probe=_span,
)
def test_taken_spans_answer_overlap_as_a_scan_of_every_span(
    spans: list[tuple[int, int]], added: list[tuple[int, int]], probe: tuple[int, int]
) -> None:
    taken = _Spans(spans)
    for span in added:
        taken.append(span)
    s, e = probe
    assert taken.overlaps(s, e) == any(s < b and a < e for a, b in spans + added)
