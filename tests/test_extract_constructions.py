"""General constructions of the extractor, per language, on sentences written for these tests.

Each case names the construction it exercises; none is a sentence of the development set.
The rules were generalised on the development set's two parts and checked on sentences like
these (see the README's "How extraction generalises").
"""

from __future__ import annotations

import pytest

from dealgraph.articles import Article
from dealgraph.dates import DateSpec
from dealgraph.extract import extract_sheet
from dealgraph.facts import FactSheet
from dealgraph.mentions import find_mentions
from dealgraph.timex import find_dates

Roles = dict[str, tuple[str, ...]]
OWN = {
    "Deal": ("party",),
    "Ban": ("imposer", "target"),
    "StateVisit": ("visitor", "host"),
    "Trial": ("participant",),
    "Allegation": ("accuser", "accused"),
    "Appeal": ("appellant", "addressee"),
}


def _sheet(text: str, lang: str, published: str = "2021-03-10") -> FactSheet:
    art = Article(id="t", text=text, language=lang, published=DateSpec.parse(published))
    return extract_sheet(art)


def _facts(text: str, lang: str, published: str = "2021-03-10") -> list[tuple[str, str, Roles]]:
    out = []
    for f in _sheet(text, lang, published).facts:
        if f.type in OWN:
            roles = {r: tuple(sorted(f.roles[r])) for r in OWN[f.type] if f.roles.get(r)}
            out.append((f.type, f.modality, roles))
    return sorted(out, key=repr)


CASES = [
    # a government that orders or takes control restricts; a company that takes control buys
    pytest.param(
        "en",
        "The Italian government ordered Pirelli to cut its ties with its Chinese shareholder.",
        [("Ban", "asserted", {"imposer": ("italian-government",), "target": ("pirelli",)})],
        id="en-order-to",
    ),
    pytest.param(
        "nl",
        "De Duitse regering dwong het bedrijf Elmos zijn belang te verkopen.",
        [
            (
                "Ban",
                "asserted",
                {"imposer": ("german-government",), "target": ("elmos-semiconductor",)},
            )
        ],
        id="nl-dwingen-te",
    ),
    pytest.param(
        "en",
        "The French government took control of Atos, the troubled IT firm, on Monday.",
        [("Ban", "asserted", {"imposer": ("french-government",), "target": ("atos",)})],
        id="en-control-by-a-government",
    ),
    pytest.param(
        "nl",
        "De Nederlandse regering heeft de zeggenschap over chipmaker Nexperia naar zich toe getrokken.",
        [("Ban", "asserted", {"imposer": ("dutch-government",), "target": ("nexperia",)})],
        id="nl-zeggenschap-naar-zich-toe",
    ),
    pytest.param(
        "en",
        "Wingtech took full control of Nexperia in 2019.",
        [("Deal", "asserted", {"party": ("nexperia", "wingtech")})],
        id="en-control-by-a-company",
    ),
    # lists one is put on: a lone subject is listed, "its Entity List" is no reference back
    pytest.param(
        "en",
        "In 2020 the Commerce Department added SMIC to its Entity List.",
        [("Ban", "asserted", {"imposer": ("us-department-of-commerce",), "target": ("smic",)})],
        id="en-list-with-date-first",
    ),
    pytest.param(
        "en",
        "SMIC, which was put on a U.S. trade blacklist last year, makes chips for Huawei.",
        [("Ban", "asserted", {"imposer": ("united-states",), "target": ("smic",)})],
        id="en-list-in-relative-clause",
    ),
    pytest.param(
        "nl",
        "Het Chinese YMTC kwam vorig jaar op de Amerikaanse zwarte lijst.",
        [
            (
                "Ban",
                "asserted",
                {"imposer": ("united-states",), "target": ("yangtze-memory-technologies",)},
            )
        ],
        id="nl-kwam-op-de-lijst",
    ),
    # who needs a licence is restricted
    pytest.param(
        "en",
        "Nvidia said the U.S. government had told it that it would need a licence to export "
        "its chips to China.",
        [("Ban", "asserted", {"imposer": ("american-government",), "target": ("nvidia",)})],
        id="en-need-a-licence",
    ),
    # acquisitions: relative objects, plants, "the buyers include"
    pytest.param(
        "en",
        "O2, which Telefonica bought in 2006, will sell its towers.",
        [("Deal", "asserted", {"party": ("o2", "telefonica")})],
        id="en-relative-object",
    ),
    pytest.param(
        "nl",
        "Chipmaker Infineon heeft de Oostenrijkse start-up Zeta Chips overgenomen.",
        [("Deal", "asserted", {"party": ("infineon", "zeta-chips")})],
        id="nl-start-up-introduced",
    ),
    pytest.param(
        "nl",
        "Het onderzoek gaat over de overname van de fabriek Delta Fab door Infineon.",
        [("Deal", "asserted", {"party": ("delta-fab", "infineon")})],
        id="nl-overname-van-door",
    ),
    pytest.param(
        "en",
        "Chinese airlines signed a deal with Airbus to buy 100 jets. The buyers include "
        "China Southern Airlines and Air China.",
        [
            (
                "Deal",
                "asserted",
                {"party": ("air-china", "airbus", "china-southern-airlines")},
            )
        ],
        id="en-the-buyers-include",
    ),
    # appeals: content, that-clauses, spokespeople, requests, legal appeals
    pytest.param(
        "en",
        "The Chinese foreign ministry demanded that Canada release the executive.",
        [
            (
                "Appeal",
                "asserted",
                {
                    "addressee": ("canada",),
                    "appellant": ("chinese-ministry-of-foreign-affairs",),
                },
            )
        ],
        id="en-demanded-that",
    ),
    pytest.param(
        "nl",
        "Een woordvoerder van het Duitse ministerie van Economische Zaken riep Nederland op "
        "de regels te versoepelen.",
        [
            (
                "Appeal",
                "asserted",
                {
                    "addressee": ("netherlands",),
                    "appellant": ("german-ministry-of-economic-affairs",),
                },
            )
        ],
        id="nl-woordvoerder-van",
    ),
    pytest.param(
        "en",
        "The United States has urged its allies to keep ZTE out of their networks.",
        [("Appeal", "asserted", {"appellant": ("united-states",)})],
        id="en-urged-content-is-no-ban",
    ),
    pytest.param(
        "nl",
        "Het Witte Huis riep Griekenland op geen deal met Cosco te sluiten.",
        [
            (
                "Appeal",
                "asserted",
                {"addressee": ("greece",), "appellant": ("american-government",)},
            )
        ],
        id="nl-riep-op-content-is-no-deal",
    ),
    pytest.param(
        "nl",
        "De topman is in Canada gearresteerd op verzoek van de Verenigde Staten.",
        [("Appeal", "asserted", {"addressee": ("canada",), "appellant": ("united-states",)})],
        id="nl-op-verzoek-van",
    ),
    pytest.param("en", "Huawei said it would appeal against the ruling.", [], id="en-legal-appeal"),
    # allegations: faults found at a company, state agents, apposition asides
    pytest.param(
        "en",
        "The Dutch government cited serious shortcomings at Nexperia.",
        [("Allegation", "asserted", {"accused": ("nexperia",), "accuser": ("dutch-government",)})],
        id="en-shortcomings-at",
    ),
    pytest.param(
        "en",
        "US prosecutors charged Huawei with racketeering.",
        [("Allegation", "asserted", {"accused": ("huawei",), "accuser": ("united-states",)})],
        id="en-state-agents",
    ),
    pytest.param(
        "en",
        "Washington has accused Chinese hackers of stealing secrets, a charge Beijing denies.",
        [],
        id="en-apposition-aside",
    ),
    # launches and plans
    pytest.param(
        "en",
        "Telia switched on Sweden's first 5G network on Monday.",
        [("Trial", "asserted", {"participant": ("telia",)})],
        id="en-switched-on",
    ),
    pytest.param(
        "nl",
        "Odido heeft aangekondigd dit jaar met 5G te beginnen.",
        [("Trial", "planned", {"participant": ("odido",)})],
        id="nl-intent-and-technology",
    ),
    pytest.param(
        "nl",
        "Koning Willem-Alexander brengt volgende week een staatsbezoek aan Zuid-Korea.",
        [
            (
                "StateVisit",
                "planned",
                {"host": ("south-korea",), "visitor": ("willem-alexander",)},
            )
        ],
        id="nl-future-date-is-planned",
    ),
    pytest.param(
        "nl",
        "Volgens Reuters zou Odido in gesprek zijn met Nokia over een nieuw contract.",
        [],
        id="nl-talks-are-no-deal",
    ),
    # no actor: courts, headings, names inside names, located adjectives
    pytest.param(
        "en",
        "A Dutch court suspended the chief executive of Nexperia on Tuesday.",
        [],
        id="en-court",
    ),
    pytest.param(
        "en",
        "The Netherlands-based company completed its acquisition of Nowi Energy.",
        [],
        id="en-located-adjective",
    ),
    # who judges a measure does not impose it; a head of state bans for the state
    pytest.param(
        "en",
        "Japan restricted exports of chip equipment to China. Beijing called the measures a "
        "misuse and urged Tokyo to correct its mistakes.",
        [
            (
                "Appeal",
                "asserted",
                {"addressee": ("japanese-government",), "appellant": ("chinese-government",)},
            ),
            ("Ban", "asserted", {"imposer": ("japan",), "target": ("china",)}),
        ],
        id="en-evaluation-verb",
    ),
    pytest.param(
        "en",
        "President Donald Trump signed orders on Thursday banning transactions with ByteDance.",
        [("Ban", "asserted", {"imposer": ("american-government",), "target": ("bytedance",)})],
        id="en-leader-bans-for-the-government",
    ),
    # ... a law the head of state signs is the state's
    pytest.param(
        "nl",
        "Amerikaanse overheidsdiensten mogen geen apparatuur van Huawei en ZTE meer kopen. "
        "President Donald Trump ondertekende maandag de nieuwe defensiewet, waarin dat verbod "
        "is opgenomen.",
        [("Ban", "asserted", {"imposer": ("united-states",), "target": ("huawei", "zte")})],
        id="nl-leader-signs-a-law-for-the-state",
    ),
    pytest.param(
        "en",
        "President Barack Obama on Friday ordered Ralls Corporation to sell four wind farm "
        "projects in Oregon.",
        [
            (
                "Ban",
                "asserted",
                {"imposer": ("american-government",), "target": ("ralls-corporation",)},
            )
        ],
        id="en-leader-orders-a-sale",
    ),
    # speakers who accuse accuse together; a weekday before a state is no part of a name
    pytest.param(
        "en",
        "On Monday Britain, Canada and the United States accused APT29 of hacking, they said.",
        [
            (
                "Allegation",
                "asserted",
                {"accused": ("apt29",), "accuser": ("canada", "united-kingdom", "united-states")},
            )
        ],
        id="en-accusers-who-say-so",
    ),
    # a capital that opens a company's name ending in a name word; an app is a company
    pytest.param(
        "en",
        "Beijing Kunlun Tech has agreed to sell Grindr, the dating app, to San Vicente "
        "Acquisition, a US investment group.",
        [
            (
                "Deal",
                "asserted",
                {"party": ("beijing-kunlun-tech", "grindr", "san-vicente-acquisition")},
            )
        ],
        id="en-capital-opens-a-company-name",
    ),
    pytest.param(
        "nl",
        "Het Chinese gamebedrijf Beijing Kunlun Tech verkoopt de datingapp Grindr aan San "
        "Vicente Acquisition, een Amerikaanse investeringsgroep.",
        [
            (
                "Deal",
                "asserted",
                {"party": ("beijing-kunlun-tech", "grindr", "san-vicente-acquisition")},
            )
        ],
        id="nl-app-is-a-company",
    ),
    # a noun phrase with a name beside it between commas refers to nothing before it; "it"
    # in what the speaker says is the speaker
    pytest.param(
        "en",
        "General Electric announced agreements with Saudi partners. The kingdom's wealth fund, "
        "the Public Investment Fund, said separately that it would invest $20 billion with "
        "Blackstone.",
        [("Deal", "asserted", {"party": ("blackstone", "public-investment-fund")})],
        id="en-name-beside-a-noun-phrase",
    ),
    # a ban whose only imposer is its only target is two readings of one name
    pytest.param(
        "en",
        "The EU is considering lifting its arms embargo on China. Washington argues that if the "
        "embargo is lifted, it could lead to a buying spree for arms that China could use to "
        "threaten Taiwan.",
        [("Ban", "speculative", {"imposer": ("european-union",), "target": ("china",)})],
        id="en-no-self-ban",
    ),
    # a name's apposition inside a trigger's gap; a company's unit in a country
    pytest.param(
        "en",
        "Canada has ordered TikTok Technology Canada, the app's local unit, to be wound up.",
        [("Ban", "asserted", {"imposer": ("canada",), "target": ("tiktok-technology-canada",)})],
        id="en-apposition-in-a-gap",
    ),
    pytest.param(
        "en",
        "President Barack Obama ordered Ralls Corporation, a company owned by two Chinese "
        "businessmen, to sell four wind farm projects.",
        [
            (
                "Ban",
                "asserted",
                {"imposer": ("american-government",), "target": ("ralls-corporation",)},
            )
        ],
        id="en-leader-orders-past-an-apposition",
    ),
    # a denial of the measure is no second report of it
    pytest.param(
        "en",
        "Canada ordered TikTok to be wound up. Canada is not blocking access to TikTok, the "
        "minister said.",
        [
            ("Ban", "asserted", {"imposer": ("canada",), "target": ("tiktok",)}),
            ("Ban", "negated", {"imposer": ("canada",), "target": ("tiktok",)}),
        ],
        id="en-denial-is-no-second-report",
    ),
    # a joint declaration is a deal; a leader's counterpart is a member of the list
    pytest.param(
        "en",
        "Slovenia and the United States on Thursday signed a joint declaration on the security "
        "of 5G networks.",
        [("Deal", "asserted", {"party": ("slovenia", "united-states")})],
        id="en-joint-declaration",
    ),
    pytest.param(
        "nl",
        "Xi Jinping en zijn Servische ambtgenoot Aleksandar Vučić ondertekenden woensdag een "
        "gezamenlijke verklaring.",
        [("Deal", "asserted", {"party": ("china", "serbia")})],
        id="nl-counterpart-in-a-list",
    ),
    # the host's own leader beside the guest is no visitor
    pytest.param(
        "nl",
        "Het contract werd getekend in het bijzijn van de Franse president Emmanuel Macron en "
        "zijn Chinese ambtgenoot Xi Jinping, die sinds zondag op staatsbezoek is in Frankrijk.",
        [("StateVisit", "asserted", {"host": ("france",), "visitor": ("xi-jinping",)})],
        id="nl-host-leader-is-no-visitor",
    ),
    # a regulator that rejects a company's application bars it
    pytest.param(
        "en",
        "The Federal Communications Commission voted to reject an application by China Mobile "
        "USA to provide services in the United States.",
        [
            (
                "Ban",
                "asserted",
                {
                    "imposer": ("federal-communications-commission",),
                    "target": ("china-mobile-usa",),
                },
            )
        ],
        id="en-rejected-application",
    ),
    pytest.param(
        "en",
        "Huawei rejected an application by Nokia.",
        [],
        id="en-company-rejects-no-one",
    ),
    # a possessive inside the trigger is what the measure is done to
    pytest.param(
        "en",
        "Washington has limited China's access to advanced chips.",
        [("Ban", "asserted", {"imposer": ("american-government",), "target": ("china",)})],
        id="en-limited-access",
    ),
    # a ministry that puts a company on its state's list imposes the listing: the state's
    # adjective does not make the ministry the one listed
    pytest.param(
        "nl",
        "Het Amerikaanse ministerie van Handel plaatste het bedrijf maandag op de Entity List, de "
        "Amerikaanse zwarte lijst voor export.",
        [],
        id="nl-ministry-is-not-its-own-target",
    ),
    pytest.param(
        "en",
        "Beijing protested on Monday and China Mobile said it would appeal.",
        [],
        id="en-capital-alone-is-no-company",
    ),
    pytest.param(
        "nl",
        "De Italiaanse regering heeft de overname van de robotmaker Robox geblokkeerd.",
        [("Ban", "asserted", {"imposer": ("italian-government",), "target": ("robox",)})],
        id="nl-ban-verb-last-governs-the-deal-noun",
    ),
    pytest.param(
        "nl",
        "De MIVD waarschuwt in zijn jaarverslag voor Chinese spionage bij chipbedrijven.",
        [
            (
                "Allegation",
                "asserted",
                {"accused": ("china",), "accuser": ("military-intelligence-and-security-service",)},
            )
        ],
        id="nl-adjective-of-a-crime-is-the-accused",
    ),
    pytest.param(
        "nl",
        "VodafoneZiggo en Ericsson testen in Eindhoven 5G. De proef duurt tot eind volgend jaar.",
        [("Trial", "asserted", {"participant": ("ericsson", "vodafoneziggo")})],
        id="nl-an-end-date-plans-nothing",
    ),
    # coordination and clauses
    pytest.param(
        "en",
        "During Xi Jinping's state visit to France, Airbus signed an order with China Aviation "
        "Supplies.",
        [
            ("Deal", "asserted", {"party": ("airbus", "china-aviation-supplies")}),
            ("StateVisit", "asserted", {"host": ("france",), "visitor": ("xi-jinping",)}),
        ],
        id="en-comma-is-no-list",
    ),
    pytest.param(
        "en",
        "The move responds to U.S. and Dutch curbs on chip equipment exports to China.",
        [("Ban", "asserted", {"imposer": ("netherlands", "united-states"), "target": ("china",)})],
        id="en-coordinated-adjectives",
    ),
    pytest.param(
        "en",
        "Britain has urged operators to diversify their suppliers after it banned Huawei "
        "from 5G networks.",
        [
            ("Appeal", "asserted", {"appellant": ("united-kingdom",)}),
            ("Ban", "asserted", {"imposer": ("united-kingdom",), "target": ("huawei",)}),
        ],
        id="en-content-ends-at-a-conjunction",
    ),
    # one chooser and several chosen: a contract with each; several choosers: one deal
    pytest.param(
        "en",
        "Slovak operator Orange Slovensko picked Ericsson and Samsung to build its 5G network.",
        [
            ("Deal", "asserted", {"party": ("ericsson", "orange-slovensko")}),
            ("Deal", "asserted", {"party": ("orange-slovensko", "samsung")}),
        ],
        id="en-one-chooser-each-chosen",
    ),
    pytest.param(
        "nl",
        "De Belgische provider Telenet heeft Nokia en Ericsson geselecteerd voor zijn 5G-netwerk.",
        [
            ("Deal", "asserted", {"party": ("ericsson", "telenet")}),
            ("Deal", "asserted", {"party": ("nokia", "telenet")}),
        ],
        id="nl-one-chooser-each-chosen",
    ),
    pytest.param(
        "en",
        "Polish operator Play has chosen Ericsson for its radio network, gradually replacing Huawei.",
        [("Deal", "asserted", {"party": ("ericsson", "play")})],
        id="en-participle-after-an-adverb",
    ),
    # a relative clause without a comma names no party
    pytest.param(
        "nl",
        "Woensdag tekenden KPN en Nokia een contract waarin de Finnen beloven banen te behouden.",
        [("Deal", "asserted", {"party": ("kpn", "nokia")})],
        id="nl-bare-relative-clause",
    ),
    # a ban on a takeover by a buyer targets the buyer (and names the deal it blocks)
    pytest.param(
        "nl",
        "Het Duitse ministerie van Economische Zaken blokkeerde de overname van Leifeld Metal "
        "Spinning door het Chinese Yantai Taihai Group.",
        [
            (
                "Ban",
                "asserted",
                {
                    "imposer": ("german-ministry-of-economic-affairs",),
                    "target": ("yantai-taihai-group",),
                },
            )
        ],
        id="nl-ban-on-a-takeover-by",
    ),
    pytest.param(
        "en",
        "The German government blocked the acquisition of chipmaker Elmos by Sai Microelectronics.",
        [
            (
                "Ban",
                "asserted",
                {"imposer": ("german-government",), "target": ("sai-microelectronics",)},
            ),
            ("Deal", "asserted", {"party": ("elmos-semiconductor", "sai-microelectronics")}),
        ],
        id="en-ban-on-a-takeover-by",
    ),
    # a danger: who names one accuses, what poses one is accused, "no evidence that" negates
    pytest.param(
        "en",
        "The Swedish government said ZTE poses a risk to the country's networks.",
        [("Allegation", "asserted", {"accused": ("zte",), "accuser": ("swedish-government",)})],
        id="en-poses-a-risk",
    ),
    pytest.param(
        "en",
        "The FCC designated Hikvision as a threat to national security.",
        [
            (
                "Allegation",
                "asserted",
                {"accused": ("hikvision",), "accuser": ("federal-communications-commission",)},
            )
        ],
        id="en-designated-a-threat",
    ),
    pytest.param(
        "en",
        "China's foreign ministry said there was no evidence that ZTE posed a threat.",
        [
            (
                "Allegation",
                "negated",
                {"accused": ("zte",), "accuser": ("chinese-ministry-of-foreign-affairs",)},
            )
        ],
        id="en-no-evidence-that",
    ),
    pytest.param(
        "nl",
        "De Franse regering noemde Huawei dinsdag een bedreiging voor de netwerken.",
        [("Allegation", "asserted", {"accused": ("huawei",), "accuser": ("french-government",)})],
        id="nl-calls-a-danger",
    ),
    pytest.param(
        "nl",
        "Volgens de Belgische regering vormt Hikvision een gevaar voor de veiligheid.",
        [
            (
                "Allegation",
                "asserted",
                {"accused": ("hikvision",), "accuser": ("belgian-government",)},
            )
        ],
        id="nl-forms-a-danger",
    ),
    # round 3: a Dutch by-phrase before its predicate, an authority that announces a measure
    # with no other author, what one may no longer do, bids, withdrawn offers, memorandums
    pytest.param(
        "nl",
        "Ericsson werd vorige week door de Zweedse regering op een sanctielijst gezet.",
        [("Ban", "asserted", {"imposer": ("swedish-government",), "target": ("ericsson",)})],
        id="nl-door-before-the-predicate",
    ),
    pytest.param(
        "nl",
        "ZTE is op de zwarte lijst gezet, maakte de Amerikaanse regering bekend.",
        [("Ban", "asserted", {"imposer": ("american-government",), "target": ("zte",)})],
        id="nl-announcer-imposes",
    ),
    pytest.param(
        "en",
        "ZTE was put on the blacklist, the Commerce Department decided.",
        [("Ban", "asserted", {"imposer": ("us-department-of-commerce",), "target": ("zte",)})],
        id="en-decider-imposes",
    ),
    pytest.param(
        "en",
        "Nokia may no longer sell base stations in Russia, the Finnish government said on Monday.",
        [("Ban", "asserted", {"imposer": ("finnish-government",), "target": ("nokia",)})],
        id="en-may-no-longer",
    ),
    pytest.param(
        "nl",
        "Nokia mag geen basisstations meer leveren in Rusland, besloot de Finse regering maandag.",
        [("Ban", "asserted", {"imposer": ("finnish-government",), "target": ("nokia",)})],
        id="nl-mag-geen-meer",
    ),
    pytest.param(
        "nl",
        "Ericsson bood vorige maand twee miljard euro voor Nokia.",
        [("Deal", "planned", {"party": ("ericsson", "nokia")})],
        id="nl-bid",
    ),
    pytest.param(
        "en",
        "Ericsson made a takeover bid for Nokia.",
        [("Deal", "planned", {"party": ("ericsson", "nokia")})],
        id="en-bid",
    ),
    pytest.param(
        "en",
        "Ericsson has withdrawn its offer for Nokia.",
        [("Deal", "negated", {"party": ("ericsson", "nokia")})],
        id="en-withdrawn-offer",
    ),
    pytest.param(
        "nl",
        "Ericsson en Telia ondertekenden dinsdag een memorandum.",
        [("Deal", "asserted", {"party": ("ericsson", "telia")})],
        id="nl-memorandum",
    ),
    pytest.param(
        "en",
        "Lenovo paid $2.9 billion for Motorola Mobility.",
        [("Deal", "asserted", {"party": ("lenovo", "motorola-mobility")})],
        id="en-paid-for-an-unknown-name",
    ),
    pytest.param(
        "en",
        "Airbus signed the contract during Emmanuel Macron's three-day state visit to China.",
        [("StateVisit", "asserted", {"visitor": ("emmanuel-macron",), "host": ("china",)})],
        id="en-visit-of-a-possessor-after-a-subject",
    ),
    pytest.param(
        "nl",
        "Tijdens het staatsbezoek van de Franse president Emmanuel Macron aan China tekende Airbus"
        " een contract met China Aviation Supplies.",
        [
            ("Deal", "asserted", {"party": ("airbus", "china-aviation-supplies")}),
            ("StateVisit", "asserted", {"visitor": ("emmanuel-macron",), "host": ("china",)}),
        ],
        id="nl-the-visits-phrases-are-not-the-deals",
    ),
    pytest.param(
        "nl",
        "Xi Jinping kwam maandag in Parijs aan voor een staatsbezoek, direct na de top in Rome.",
        [("StateVisit", "asserted", {"visitor": ("xi-jinping",), "host": ("france",)})],
        id="nl-one-host-where-the-visitor-arrived",
    ),
    pytest.param(
        "en",
        "Xi Jinping arrived in Paris on Monday for a state visit after a summit in Rome.",
        [("StateVisit", "asserted", {"visitor": ("xi-jinping",), "host": ("france",)})],
        id="en-one-host-where-the-visitor-arrived",
    ),
    pytest.param(
        "nl",
        "Xi Jinping bracht dinsdag een staatsbezoek aan Saudi-Arabië.",
        [("StateVisit", "asserted", {"visitor": ("xi-jinping",), "host": ("saudi-arabia",)})],
        id="nl-saudi-arabie-spelt-as-often-written",
    ),
    pytest.param(
        "nl",
        "Voor de export van zijn chips naar China heeft Nvidia voortaan een vergunning nodig."
        " De Amerikaanse regering heeft het bedrijf die eis vrijdag opgelegd.",
        [("Ban", "asserted", {"imposer": ("american-government",), "target": ("nvidia",)})],
        id="nl-who-imposed-the-requirement-named-before",
    ),
    pytest.param(
        "nl",
        "Vrijdag riep de Amerikaanse regering Duitsland en de Europese Unie op Huawei te weren.",
        [
            (
                "Appeal",
                "asserted",
                {"appellant": ("american-government",), "addressee": ("european-union", "germany")},
            )
        ],
        id="nl-a-list-with-an-article-after-en",
    ),
    pytest.param(
        "en",
        "Washington imposed new licensing requirements on AMD.",
        [("Ban", "asserted", {"imposer": ("american-government",), "target": ("amd",)})],
        id="en-licensing-requirements",
    ),
    pytest.param(
        "nl",
        "Ook AMD kreeg van Washington nieuwe vergunningseisen opgelegd.",
        [("Ban", "asserted", {"imposer": ("american-government",), "target": ("amd",)})],
        id="nl-vergunningseisen",
    ),
    pytest.param(
        "en",
        "Britain told departments to stop installing cameras made by Hikvision and Dahua."
        " Washington put both companies on its Entity List in 2019.",
        [
            (
                "Ban",
                "asserted",
                {"imposer": ("american-government",), "target": ("dahua", "hikvision")},
            )
        ],
        id="en-both-companies-are-the-last-two-named",
    ),
    pytest.param(
        "nl",
        "Het ministerie weert Hikvision en Dahua. Washington zette de twee bedrijven in 2019 op de"
        " zwarte lijst.",
        [
            (
                "Ban",
                "asserted",
                {"imposer": ("american-government",), "target": ("dahua", "hikvision")},
            )
        ],
        id="nl-de-twee-bedrijven-are-the-last-two-named",
    ),
    pytest.param(
        "nl",
        "Lenovo betaalde 2 miljard dollar voor Nokia.",
        [("Deal", "asserted", {"party": ("lenovo", "nokia")})],
        id="nl-betaalde-voor",
    ),
    # a passive keeps the trigger's own phrases before its by-phrase; a participle does not
    pytest.param(
        "en",
        "ZTE was barred from the market by the British government.",
        [("Ban", "asserted", {"imposer": ("british-government",), "target": ("zte",)})],
        id="en-passive-phrase-before-by",
    ),
    pytest.param(
        "en",
        "Huawei has been shut out of Sweden's networks by the country's telecoms regulator, PTS.",
        [
            (
                "Ban",
                "asserted",
                {"imposer": ("swedish-post-and-telecom-authority",), "target": ("huawei",)},
            )
        ],
        id="en-shut-out-by-the-countrys",
    ),
    pytest.param(
        "en",
        "Britain banned the sale of phones made by Samsung.",
        [("Ban", "asserted", {"imposer": ("united-kingdom",), "target": ("samsung",)})],
        id="en-made-by-is-no-imposer",
    ),
    pytest.param(
        "en",
        "The British government held China responsible for the attack.",
        [("Allegation", "asserted", {"accuser": ("british-government",), "accused": ("china",)})],
        id="en-held-responsible",
    ),
    pytest.param(
        "nl",
        "De Nederlandse regering houdt China verantwoordelijk voor de aanval.",
        [("Allegation", "asserted", {"accuser": ("dutch-government",), "accused": ("china",)})],
        id="nl-houdt-verantwoordelijk",
    ),
    pytest.param(
        "nl",
        "Wingtech lijfde Nexperia in 2019 in.",
        [("Deal", "asserted", {"party": ("nexperia", "wingtech")})],
        id="nl-lijfde-in",
    ),
    # a supplier named with its customer has a deal with it; a delivery to a state does not
    pytest.param(
        "en",
        "Nokia will supply radio equipment to Vodafone.",
        [("Deal", "planned", {"party": ("nokia", "vodafone")})],
        id="en-supply-to",
    ),
    pytest.param(
        "nl",
        "Ericsson levert sinds 2019 apparatuur aan KPN.",
        [("Deal", "asserted", {"party": ("ericsson", "kpn")})],
        id="nl-levert-aan",
    ),
    pytest.param(
        "nl",
        "ZTE bekende schuld aan het leveren van apparatuur aan Iran.",
        [],
        id="nl-het-leveren-aan-is-no-deal",
    ),
    # the members of a list set off after a list trigger are who was listed
    pytest.param(
        "nl",
        "Washington zette 140 bedrijven op de zwarte lijst, onder wie de chipmakers Huawei en ZTE.",
        [("Ban", "asserted", {"imposer": ("american-government",), "target": ("huawei", "zte")})],
        id="nl-zwarte-lijst-onder-wie",
    ),
    # a list of names with articles and descriptors inside stays one list
    pytest.param(
        "en",
        "The United States, the European Union, Britain and NATO accused China of hacking.",
        [
            (
                "Allegation",
                "asserted",
                {
                    "accuser": ("european-union", "nato", "united-kingdom", "united-states"),
                    "accused": ("china",),
                },
            )
        ],
        id="en-list-with-articles-is-no-apposition",
    ),
    pytest.param(
        "en",
        "Carriers may no longer buy gear from Huawei or ZTE, the Federal Communications "
        "Commission decided.",
        [
            (
                "Ban",
                "asserted",
                {"imposer": ("federal-communications-commission",), "target": ("huawei", "zte")},
            )
        ],
        id="en-apposition-after-a-list-is-its-speaker",
    ),
    pytest.param(
        "en",
        "Nokia will build a plant in a joint venture with the carmaker Volvo and the chipmakers "
        "Infineon and NXP.",
        [("Deal", "planned", {"party": ("infineon", "nokia", "nxp", "volvo")})],
        id="en-list-with-descriptors",
    ),
    pytest.param(
        "nl",
        "Nokia gaat samen met het Duitse Infineon en NXP een fabriek bouwen.",
        [("Deal", "planned", {"party": ("infineon", "nokia", "nxp")})],
        id="nl-samen-met-bouwen",
    ),
    # who approves a deal is no party to it; a person named with their organisation speaks for it
    pytest.param(
        "en",
        "Regulators in eight jurisdictions, including the United States and the European Union, "
        "had approved the purchase.",
        [],
        id="en-approvers-are-no-parties",
    ),
    pytest.param(
        "nl",
        "Woordvoerder Geng Shuang van het Chinese ministerie van Buitenlandse Zaken riep de "
        "Verenigde Staten op het besluit in te trekken.",
        [
            (
                "Appeal",
                "asserted",
                {
                    "appellant": ("chinese-ministry-of-foreign-affairs",),
                    "addressee": ("united-states",),
                },
            )
        ],
        id="nl-spokesperson-speaks-for-the-ministry",
    ),
    # a visit whose clause names no host is to the one other state its sentence names
    pytest.param(
        "en",
        "Britain and South Korea signed a partnership agreement during President Yoon Suk "
        "Yeol's state visit.",
        [
            ("Deal", "asserted", {"party": ("south-korea", "united-kingdom")}),
            (
                "StateVisit",
                "asserted",
                {"visitor": ("yoon-suk-yeol",), "host": ("united-kingdom",)},
            ),
        ],
        id="en-visit-host-from-the-sentence",
    ),
    pytest.param(
        "nl",
        "In Parijs werd vrijdag getekend, op de tweede dag van het staatsbezoek van Xi Jinping.",
        [("StateVisit", "asserted", {"visitor": ("xi-jinping",), "host": ("france",)})],
        id="nl-visit-host-from-a-capital",
    ),
    pytest.param(
        "en",
        "Ministers from Britain and France met during Xi Jinping's state visit.",
        [],  # no host, so no visit: neither state is guessed
        id="en-two-other-states-name-no-host",
    ),
    # relying on a supplier is a supply deal; the trigger's own preposition marks no role
    pytest.param(
        "en",
        "The rules matter for Orange and Vodafone, which rely on Huawei for their networks.",
        [("Deal", "asserted", {"party": ("huawei", "orange", "vodafone")})],
        id="en-rely-on",
    ),
    pytest.param(
        "nl",
        "Voor zijn 4G-netwerk leunde KPN volledig op Huawei.",
        [("Deal", "asserted", {"party": ("huawei", "kpn")})],
        id="nl-leunde-op",
    ),
    pytest.param(
        "en",
        "Britain relies on China for rare earths.",
        [],
        id="en-a-state-that-relies-on-another-has-no-deal",
    ),
    pytest.param(
        "en",
        "Washington added 140 companies to the Entity List, including Chinese firms Huawei and ZTE.",
        [("Ban", "asserted", {"imposer": ("american-government",), "target": ("huawei", "zte")})],
        id="en-entity-list-including",
    ),
    # an apposition that describes the name before it is a clause of its own: its verb's
    # object is no party of the sentence ("Volvo, the carmaker that sells cars under ...")
    pytest.param(
        "en",
        "Huawei pays the highest tariff and ZTE, the state-backed group that sells phones under its own brand, the lowest.",
        [],
        id="en-apposition-with-relative-clause",
    ),
    # the sides of a conflict are no parties of the deal beside it
    pytest.param(
        "nl",
        "De overname van Kuka wordt gezien als een teken van de spanningen tussen Berlijn en Peking.",
        [],
        id="nl-spanningen-tussen-no-parties",
    ),
    pytest.param(
        "en",
        "Analysts see the deal as a move in the trade war with China by Washington.",
        [],
        id="en-trade-war-with-no-party",
    ),
    pytest.param(
        "en",
        "Huawei signed the agreement in the middle of an arms race with the United States.",
        [],
        id="en-arms-race-with-no-party",
    ),
    # who stands behind the doers of a harm is accused by who reports it
    pytest.param(
        "en",
        "The British government said hackers backed by the Chinese government had broken into the Electoral Commission's servers.",
        [
            (
                "Allegation",
                "asserted",
                {"accused": ("chinese-government",), "accuser": ("british-government",)},
            )
        ],
        id="en-said-harm-by-sponsored-hackers",
    ),
    pytest.param(
        "nl",
        "De Belgische regering maakte bekend dat hackers in opdracht van de Chinese staat waren binnengedrongen bij het ministerie.",
        [("Allegation", "asserted", {"accused": ("china",), "accuser": ("belgian-government",)})],
        id="nl-maakte-bekend-dat-hackers-in-opdracht-van",
    ),
    pytest.param(
        "nl",
        "Volgens de Europese Commissie ondermijnt Huawei de veiligheid van de Europese netwerken.",
        [("Allegation", "asserted", {"accused": ("huawei",), "accuser": ("european-commission",)})],
        id="nl-volgens-x-ondermijnt-y",
    ),
    pytest.param(
        "en",
        "Huawei, backed by the Chinese government, signed a deal with MTS.",
        [("Deal", "asserted", {"party": ("huawei", "mts")})],
        id="en-who-backs-a-party-is-no-party",
    ),
    # no source, or the harm is what an accusation already says: no fact of its own
    pytest.param(
        "en",
        "Huawei said the ban was damaging its business in Europe.",
        [],
        id="en-harm-without-a-doer-named",
    ),
    pytest.param(
        "en",
        "The Commerce Department accused ZTE of undermining trust in American networks.",
        [
            (
                "Allegation",
                "asserted",
                {"accused": ("zte",), "accuser": ("us-department-of-commerce",)},
            )
        ],
        id="en-harm-inside-an-accusation",
    ),
    pytest.param(
        "en",
        "Hackers broke into the network of the ministry last year.",
        [],
        id="en-harm-without-a-source",
    ),
    # "after X did Y": a clause of its own whose subject is X
    pytest.param(
        "en",
        "Shares of Boeing fell after the Chinese government on Friday put the company on its unreliable entity list.",
        [("Ban", "asserted", {"imposer": ("chinese-government",), "target": ("boeing",)})],
        id="en-after-x-put-y-on-its-list",
    ),
    pytest.param(
        "nl",
        "De koers van Boeing daalde nadat de Chinese regering het bedrijf op de zwarte lijst had gezet.",
        [("Ban", "asserted", {"imposer": ("chinese-government",), "target": ("boeing",)})],
        id="nl-nadat-x-y-op-de-lijst-zette",
    ),
    pytest.param(
        "en",
        "After the summit in Rome, Ericsson signed a contract with Vodafone.",
        [("Deal", "asserted", {"party": ("ericsson", "vodafone")})],
        id="en-after-a-noun-phrase-is-no-clause",
    ),
    # "the Chinese leader": the person named before who leads that country
    pytest.param(
        "en",
        "Xi Jinping left the summit in Lima on Monday. The Chinese leader arrived in Chile on Tuesday for a state visit.",
        [("StateVisit", "asserted", {"host": ("chile",), "visitor": ("xi-jinping",)})],
        id="en-the-chinese-leader-is-the-leader-named-before",
    ),
    pytest.param(
        "nl",
        "Emmanuel Macron sprak maandag in Berlijn. De Franse president begon dinsdag een staatsbezoek aan Zweden.",
        [("StateVisit", "asserted", {"host": ("sweden",), "visitor": ("emmanuel-macron",)})],
        id="nl-de-franse-president-is-de-eerder-genoemde-leider",
    ),
    pytest.param(
        "en",
        "Angela Merkel met business leaders in Berlin. The French president arrived in Chile on Tuesday for a state visit.",
        [],
        id="en-a-leader-of-another-country-is-not-the-one-named-before",
    ),
    # a merger is a deal
    pytest.param(
        "en",
        "ChemChina merged with Sinochem in 2021.",
        [("Deal", "asserted", {"party": ("chemchina", "sinochem")})],
        id="en-merged-with",
    ),
    pytest.param(
        "nl",
        "Nokia fuseerde in 2007 zijn netwerktak met die van Siemens.",
        [("Deal", "asserted", {"party": ("nokia", "siemens")})],
        id="nl-fuseerde-met",
    ),
    # a supplier named with its customer, in every tense; supplying a state is an export
    pytest.param(
        "nl",
        "Ericsson gaat 5G-apparatuur aan Jio leveren.",
        [("Deal", "planned", {"party": ("ericsson", "reliance-jio")})],
        id="nl-aan-x-leveren",
    ),
    pytest.param(
        "nl",
        "ZTE levert de apparatuur voor het netwerk van Orange.",
        [("Deal", "asserted", {"party": ("orange", "zte")})],
        id="nl-levert-voor-het-netwerk-van",
    ),
    pytest.param(
        "en",
        "Nokia provided radio equipment to Telia for its 5G network.",
        [("Deal", "asserted", {"party": ("nokia", "telia")})],
        id="en-provided-to",
    ),
    pytest.param(
        "nl",
        "ZTE leverde illegaal Amerikaanse apparatuur aan Iran.",
        [],
        id="nl-leveren-aan-een-staat-is-export",
    ),
    pytest.param(
        "en",
        "Ericsson delivered 5G gear to North Korea.",
        [],
        id="en-delivering-to-a-state-is-an-export",
    ),
    pytest.param(
        "en",
        "Companies such as Google and Microsoft provide users with the tools to publish blogs.",
        [],
        id="en-suppliers-in-one-list-supply-no-one-named",
    ),
    # what follows a colon and only names names belongs to the clause before it
    pytest.param(
        "en",
        "Safaricom picked two suppliers: Finland's Nokia and China's Huawei.",
        [
            ("Deal", "asserted", {"party": ("huawei", "safaricom")}),
            ("Deal", "asserted", {"party": ("nokia", "safaricom")}),
        ],
        id="en-picked-two-suppliers-colon-list",
    ),
    pytest.param(
        "nl",
        "Voor de apparatuur koos Safaricom twee leveranciers: het Finse Nokia en het Chinese Huawei.",
        [
            ("Deal", "asserted", {"party": ("huawei", "safaricom")}),
            ("Deal", "asserted", {"party": ("nokia", "safaricom")}),
        ],
        id="nl-koos-twee-leveranciers-colon-list",
    ),
    pytest.param(
        "en",
        "BT chose Ericsson: the British government had banned Huawei.",
        [
            ("Ban", "asserted", {"imposer": ("british-government",), "target": ("huawei",)}),
            ("Deal", "asserted", {"party": ("bt", "ericsson")}),
        ],
        id="en-a-colon-before-a-clause-of-its-own",
    ),
    # compounds in the plural are deal nouns as in the singular
    pytest.param(
        "nl",
        "China en Vietnam hebben dinsdag in Hanoi tientallen samenwerkingsovereenkomsten ondertekend.",
        [("Deal", "asserted", {"party": ("china", "vietnam")})],
        id="nl-samenwerkingsovereenkomsten-ondertekend",
    ),
    # a company as the object "it" of a verb whose object is an actor
    pytest.param(
        "en",
        "Hikvision, a maker of cameras, has run into trouble. The US Commerce Department put it on its Entity List in 2019.",
        [
            (
                "Ban",
                "asserted",
                {"imposer": ("us-department-of-commerce",), "target": ("hikvision",)},
            )
        ],
        id="en-put-it-on-its-entity-list",
    ),
    pytest.param(
        "en",
        "Huawei is the largest maker of telecoms equipment. Washington banned it in 2019.",
        [("Ban", "asserted", {"imposer": ("american-government",), "target": ("huawei",)})],
        id="en-banned-it",
    ),
    pytest.param(
        "en",
        "Huawei sold routers to BT. The government told BT to rip it out and banned the use of it.",
        [("Deal", "asserted", {"party": ("bt", "huawei")})],
        id="en-rip-it-out-is-a-thing",
    ),
    # round 11: who has its network built by a supplier contracts with it
    pytest.param(
        "nl",
        "KPN laat zijn nieuwe netwerk bouwen door Ericsson.",
        [("Deal", "asserted", {"party": ("ericsson", "kpn")})],
        id="nl-laat-bouwen-door",
    ),
    # Dutch "het" as the pronoun of the organisation that speaks, in a subordinate clause
    pytest.param(
        "nl",
        "Telia maakte bekend dat het in zee gaat met Nokia.",
        [("Deal", "asserted", {"party": ("nokia", "telia")})],
        id="nl-dat-het-in-zee-gaat-met",
    ),
    # an investigation of a company accuses it; one of risks of a country does not
    pytest.param(
        "nl",
        "De Chinese toezichthouder SAMR is een onderzoek naar Google begonnen.",
        [
            (
                "Allegation",
                "asserted",
                {
                    "accuser": ("state-administration-for-market-regulation",),
                    "accused": ("google",),
                },
            )
        ],
        id="nl-onderzoek-naar-een-bedrijf",
    ),
    pytest.param(
        "en",
        "The European Commission opened an investigation into Microsoft.",
        [
            (
                "Allegation",
                "asserted",
                {"accuser": ("european-commission",), "accused": ("microsoft",)},
            )
        ],
        id="en-investigation-into-a-company",
    ),
    pytest.param(
        "nl",
        "De overheid laat onderzoek doen naar de risico's van apparatuur uit landen als China.",
        [],
        id="nl-onderzoek-naar-risicos-accuses-no-one",
    ),
    # "hackers with ties to X": X stands behind them
    pytest.param(
        "nl",
        "De Britse regering houdt hackers met banden met de Chinese staat verantwoordelijk voor de aanval.",
        [("Allegation", "asserted", {"accuser": ("british-government",), "accused": ("china",)})],
        id="nl-hackers-met-banden-met",
    ),
    pytest.param(
        "en",
        "Britain held hackers with ties to China responsible for the attack.",
        [("Allegation", "asserted", {"accuser": ("united-kingdom",), "accused": ("china",)})],
        id="en-hackers-with-ties-to",
    ),
    # organisations counted, then named in the next sentence: the list extends the ban
    pytest.param(
        "nl",
        "Washington zette vorige week 36 bedrijven op de zwarte lijst. Onder hen zijn YMTC en Sugon.",
        [
            (
                "Ban",
                "asserted",
                {
                    "imposer": ("american-government",),
                    "target": ("sugon", "yangtze-memory-technologies"),
                },
            )
        ],
        id="nl-onder-hen-zijn",
    ),
    pytest.param(
        "en",
        "The Commerce Department added 12 Chinese companies to the Entity List. Those listed are Sugon and Inspur.",
        [
            (
                "Ban",
                "asserted",
                {"imposer": ("us-department-of-commerce",), "target": ("inspur", "sugon")},
            )
        ],
        id="en-those-listed-are",
    ),
    pytest.param(
        "nl",
        "Japan beperkt de export van chipmaterialen naar Zuid-Korea. Het gaat om fotoresist en waterstoffluoride, stoffen waarvoor Samsung afhankelijk is van Japanse leveranciers.",
        [("Ban", "asserted", {"imposer": ("japan",), "target": ("south-korea",)})],
        id="nl-het-gaat-om-names-no-list",
    ),
    # a company that uses a supplier's equipment buys from it; one barred from it does not
    pytest.param(
        "en",
        "Telia is the only operator that uses equipment from Huawei in its network.",
        [("Deal", "asserted", {"party": ("huawei", "telia")})],
        id="en-uses-equipment-from",
    ),
    pytest.param(
        "nl",
        "KPN gebruikt apparatuur van Huawei in zijn 4G-netwerk.",
        [("Deal", "asserted", {"party": ("huawei", "kpn")})],
        id="nl-gebruikt-apparatuur-van",
    ),
    pytest.param(
        "en",
        "The government barred operators from using equipment from Huawei.",
        [],
        id="en-barred-from-using-is-no-deal",
    ),
    # a plural with a definite determiner refers to all of its kind the latest sentence named;
    # a noun heading a phrase ("bij de proeven") keeps the subject of a symmetric event
    pytest.param(
        "nl",
        "Het ministerie keurde de 5G-aanvragen goed van KPN, Vodafone en Odido. De operators werken bij de proeven samen met Ericsson.",
        [("Trial", "asserted", {"participant": ("ericsson", "kpn", "odido", "vodafone")})],
        id="nl-de-operators-werken-bij-de-proeven-samen-met",
    ),
    pytest.param(
        "en",
        "Telia and Telenor received 5G licences. The two operators will test 5G with Nokia.",
        [("Trial", "planned", {"participant": ("nokia", "telenor", "telia")})],
        id="en-the-two-operators",
    ),
    pytest.param(
        "nl",
        "KPN en Vodafone kregen frequenties voor 5G. De drie operators testen 5G met Ericsson.",
        [("Trial", "asserted", {"participant": ("ericsson",)})],
        id="nl-de-drie-operators-after-two-refers-to-none",
    ),
    pytest.param(
        "en",
        "Vodafone picked Samsung and NEC for its 5G network. Mavenir was not among the suppliers chosen.",
        [
            ("Deal", "asserted", {"party": ("nec", "vodafone")}),
            ("Deal", "asserted", {"party": ("samsung", "vodafone")}),
        ],
        id="en-among-the-suppliers-is-a-set",
    ),
    # "for its network" after a supplier's trigger: the customer is who speaks, not the one
    # the sentence before was about
    pytest.param(
        "en",
        "Telia said Ericsson would supply the equipment for its 5G network.",
        [("Deal", "asserted", {"party": ("ericsson", "telia")})],
        id="en-supply-for-its-network-speaker",
    ),
    pytest.param(
        "nl",
        "KPN maakte bekend dat Ericsson de apparatuur voor zijn 5G-netwerk gaat leveren.",
        [("Deal", "asserted", {"party": ("ericsson", "kpn")})],
        id="nl-voor-zijn-netwerk-leveren-speaker",
    ),
    pytest.param(
        "en",
        "Huawei was Telia's main supplier. Ericsson will now supply the equipment for its network.",
        [],
        id="en-for-its-network-without-a-speaker-names-no-one",
    ),
    # a ban given with its reason also accuses the companies it targets; not a state, not
    # the parties of a blocked takeover
    pytest.param(
        "en",
        "The US Commerce Department put Hikvision on its Entity List, saying it was implicated in human rights abuses.",
        [
            (
                "Allegation",
                "asserted",
                {"accuser": ("us-department-of-commerce",), "accused": ("hikvision",)},
            ),
            (
                "Ban",
                "asserted",
                {"imposer": ("us-department-of-commerce",), "target": ("hikvision",)},
            ),
        ],
        id="en-ban-saying-accuses",
    ),
    pytest.param(
        "nl",
        "Peking legde Skydio in oktober sancties op vanwege de Amerikaanse wapenverkopen aan Taiwan.",
        [
            (
                "Allegation",
                "asserted",
                {"accuser": ("chinese-government",), "accused": ("skydio",)},
            ),
            ("Ban", "asserted", {"imposer": ("chinese-government",), "target": ("skydio",)}),
        ],
        id="nl-sancties-vanwege-accuses",
    ),
    pytest.param(
        "en",
        "The US banned chip exports to China because of security concerns.",
        [("Ban", "asserted", {"imposer": ("united-states",), "target": ("china",)})],
        id="en-ban-of-a-state-with-a-reason-accuses-no-one",
    ),
    pytest.param(
        "en",
        "Trump blocked the takeover of Qualcomm by Broadcom, citing national security.",
        [
            ("Ban", "asserted", {"imposer": ("american-government",), "target": ("broadcom",)}),
            ("Deal", "asserted", {"party": ("broadcom", "qualcomm")}),
        ],
        id="en-blocked-takeover-with-a-reason-accuses-no-one",
    ),
    # a spokesperson or a chief speaks for the body named beside them; a chairman acts himself
    pytest.param(
        "en",
        "Qin Gang, a spokesman for the Chinese foreign ministry, urged Washington to withdraw the indictment.",
        [
            (
                "Appeal",
                "asserted",
                {
                    "appellant": ("chinese-ministry-of-foreign-affairs",),
                    "addressee": ("american-government",),
                },
            )
        ],
        id="en-a-spokesman-for-the-ministry-urged",
    ),
    pytest.param(
        "en",
        "In Brussels, the EU's foreign policy chief, Josep Borrell, urged the Chinese authorities to take action.",
        [
            (
                "Appeal",
                "asserted",
                {"appellant": ("european-union",), "addressee": ("chinese-government",)},
            )
        ],
        id="en-the-eus-foreign-policy-chief-urged",
    ),
    pytest.param(
        "nl",
        "Hua Chunying, een woordvoerder van het Chinese ministerie van Buitenlandse Zaken, riep Washington op de aanklacht in te trekken.",
        [
            (
                "Appeal",
                "asserted",
                {
                    "appellant": ("chinese-ministry-of-foreign-affairs",),
                    "addressee": ("american-government",),
                },
            ),
        ],
        id="nl-x-een-woordvoerder-van-het-ministerie-riep-op",
    ),
    pytest.param(
        "en",
        "Mike Gallagher, the Republican chairman of the House select committee on China, urged the Commerce Department to act.",
        [
            (
                "Appeal",
                "asserted",
                {"appellant": ("mike-gallagher",), "addressee": ("us-department-of-commerce",)},
            )
        ],
        id="en-a-chairman-acts-himself",
    ),
    # a network built with a supplier's gear, a supplier turned to; choosers with no one chosen
    pytest.param(
        "en",
        "Telus, which built its 4G network with Huawei equipment, turned to Ericsson and Nokia for 5G.",
        [
            ("Deal", "asserted", {"party": ("ericsson", "telus")}),
            ("Deal", "asserted", {"party": ("huawei", "telus")}),
            ("Deal", "asserted", {"party": ("nokia", "telus")}),
        ],
        id="en-built-its-network-with-turned-to",
    ),
    pytest.param(
        "nl",
        "Telus, dat in zijn oudere netwerken veel apparatuur van Huawei gebruikt, koos voor Ericsson.",
        [
            ("Deal", "asserted", {"party": ("ericsson", "telus")}),
            ("Deal", "asserted", {"party": ("huawei", "telus")}),
        ],
        id="nl-apparatuur-van-x-gebruikt",
    ),
    pytest.param(
        "en",
        "SK Telecom and KT have chosen other suppliers.",
        [],
        id="en-choosers-with-no-one-chosen",
    ),
    # "as did X": X chose the same; Dutch "dat het" before a name: the pronoun is the subject
    pytest.param(
        "en",
        "Telus turned to Ericsson and Nokia for 5G, as did Bell Canada.",
        [
            ("Deal", "asserted", {"party": ("bell-canada", "ericsson")}),
            ("Deal", "asserted", {"party": ("bell-canada", "nokia")}),
            ("Deal", "asserted", {"party": ("ericsson", "telus")}),
            ("Deal", "asserted", {"party": ("nokia", "telus")}),
        ],
        id="en-as-did-x",
    ),
    pytest.param(
        "nl",
        "Nokia maakte bekend dat het zijn dochter Alcatel Submarine Networks wil verkopen aan de Franse staat.",
        [
            (
                "Deal",
                "planned",
                {"party": ("alcatel-submarine-networks", "france", "nokia")},
            )
        ],
        id="nl-dat-het-zijn-dochter-wil-verkopen",
    ),
    # "Op de lijst staan ...", "Also on the list are ...": every list after it is listed, not the
    # nationality of the people in it
    pytest.param(
        "nl",
        "De Europese Unie heeft donderdag sancties ingesteld vanwege cyberaanvallen. Op de lijst staan het Chinese bedrijf Huawei en twee Chinezen, Gao Qiang en Zhang Shilong.",
        [
            (
                "Ban",
                "asserted",
                {
                    "imposer": ("european-union",),
                    "target": ("gao-qiang", "huawei", "zhang-shilong"),
                },
            )
        ],
        id="nl-op-de-lijst-staan",
    ),
    pytest.param(
        "en",
        "The Commerce Department put NSO Group on its Entity List. Also on the list are Positive Technologies and Candiru.",
        [
            (
                "Ban",
                "asserted",
                {
                    "imposer": ("us-department-of-commerce",),
                    "target": ("candiru", "nso-group", "positive-technologies"),
                },
            )
        ],
        id="en-also-on-the-list-are",
    ),
    # round 13: the owner of a plan acts in its infinitive
    pytest.param(
        "en",
        "The decision follows Australia's move in August to bar Huawei and ZTE from its 5G networks.",
        [("Ban", "asserted", {"imposer": ("australia",), "target": ("huawei", "zte")})],
        id="en-possessive-move-to",
    ),
    pytest.param(
        "en",
        "It follows the Dutch government's decision to restrict exports of ASML machines.",
        [("Ban", "asserted", {"imposer": ("dutch-government",), "target": ("asml",)})],
        id="en-possessive-decision-to",
    ),
    pytest.param(
        "en",
        "Huawei's attempt in court to bar the rules failed.",
        [],
        id="en-possessive-owner-must-fit-the-role",
    ),
    pytest.param(
        "en",
        "The Commerce Department put 28 Chinese companies on its blacklist on Monday. Also on the list are the camera maker Hikvision and the specialists in face recognition SenseTime and Megvii.",
        [
            (
                "Ban",
                "asserted",
                {
                    "imposer": ("us-department-of-commerce",),
                    "target": ("hikvision", "megvii", "sensetime"),
                },
            )
        ],
        id="en-listed-after-a-descriptor-phrase",
    ),
    pytest.param(
        "en",
        "The United States has publicly blamed North Korea for the WannaCry ransomware attack.",
        [("Allegation", "asserted", {"accuser": ("united-states",), "accused": ("north-korea",)})],
        id="en-blamed-for",
    ),
    pytest.param("en", "Trump blamed the weather for the losses.", [], id="en-blamed-no-name"),
    pytest.param(
        "nl",
        "Nederland wees Rusland aan als de dader van de hack.",
        [("Allegation", "asserted", {"accuser": ("netherlands",), "accused": ("russia",)})],
        id="nl-aanwijzen-als-dader",
    ),
    pytest.param(
        "nl",
        "Het gaat om Arm, dat SoftBank in 2016 voor 31,4 miljard dollar inlijfde.",
        [("Deal", "asserted", {"party": ("arm", "softbank")})],
        id="nl-decimal-comma-and-inlijven",
    ),
    # a list member named after its own description is no apposition: the list goes on
    pytest.param(
        "en",
        "The Commerce Department added SenseTime, the camera maker Hikvision and 26 other Chinese organisations to its Entity List.",
        [
            (
                "Ban",
                "asserted",
                {"imposer": ("us-department-of-commerce",), "target": ("hikvision", "sensetime")},
            )
        ],
        id="en-list-member-after-its-description",
    ),
    pytest.param(
        "nl",
        "Het Amerikaanse ministerie van Handel zette SenseTime, de camerafabrikant Hikvision en 26 andere Chinese organisaties op de zwarte lijst.",
        [
            (
                "Ban",
                "asserted",
                {"imposer": ("us-department-of-commerce",), "target": ("hikvision", "sensetime")},
            )
        ],
        id="nl-list-member-after-its-description",
    ),
    pytest.param(
        "en",
        "Huawei, the Chinese telecoms giant, and ZTE were banned by the FCC.",
        [
            (
                "Ban",
                "asserted",
                {"imposer": ("federal-communications-commission",), "target": ("huawei", "zte")},
            )
        ],
        id="en-apposition-is-no-list-member",
    ),
    # a government that adds a company to a list of its own restricts it; a company's list of
    # suppliers is no ban. "after the US Defense Department added": a clause of its own
    pytest.param(
        "en",
        "Shares in Xiaomi fell sharply on Friday after the US Defense Department added the Chinese smartphone maker to a list of companies.",
        [
            (
                "Ban",
                "asserted",
                {"imposer": ("us-department-of-defense",), "target": ("xiaomi",)},
            )
        ],
        id="en-government-adds-to-a-list",
    ),
    pytest.param("en", "Huawei added Nokia to its list of suppliers.", [], id="en-company-list"),
    pytest.param(
        "nl",
        "Het Pentagon zette Xiaomi in januari op een lijst van bedrijven met banden met het leger.",
        [
            (
                "Ban",
                "asserted",
                {"imposer": ("us-department-of-defense",), "target": ("xiaomi",)},
            )
        ],
        id="nl-overheid-zet-op-een-lijst",
    ),
    # the perfect: "heeft X op zijn lijst ... gezet"; the noun phrase of a name stops at the
    # auxiliary and the conjunction before it, so the subject is no member of the list
    pytest.param(
        "nl",
        "Het Amerikaanse ministerie van Defensie heeft internetconcern Tencent en accufabrikant CATL op zijn lijst van Chinese militaire bedrijven gezet.",
        [
            (
                "Ban",
                "asserted",
                {"imposer": ("us-department-of-defense",), "target": ("catl", "tencent")},
            )
        ],
        id="nl-op-zijn-lijst-gezet",
    ),
    pytest.param(
        "nl",
        "Het bedrijf heeft Nokia op zijn lijst van leveranciers gezet.",
        [],
        id="nl-bedrijfslijst",
    ),
    # a ban on a takeover names the deal it blocks; its target is the buyer; a bid is planned
    pytest.param(
        "en",
        "China on Wednesday blocked Qualcomm's $44 billion takeover of NXP.",
        [
            ("Ban", "asserted", {"imposer": ("china",), "target": ("qualcomm",)}),
            ("Deal", "asserted", {"party": ("nxp", "qualcomm")}),
        ],
        id="en-blocked-possessive-takeover",
    ),
    pytest.param(
        "en",
        "Trump prohibited Broadcom's hostile bid for Qualcomm.",
        [
            ("Ban", "asserted", {"imposer": ("american-government",), "target": ("broadcom",)}),
            ("Deal", "planned", {"party": ("broadcom", "qualcomm")}),
        ],
        id="en-blocked-bid",
    ),
    pytest.param(
        "nl",
        "Trump verbood het bod van Broadcom op Qualcomm.",
        [
            ("Ban", "asserted", {"imposer": ("american-government",), "target": ("broadcom",)}),
            ("Deal", "planned", {"party": ("broadcom", "qualcomm")}),
        ],
        id="nl-verboden-bod",
    ),
    pytest.param(
        "nl",
        "Berlijn blokkeerde de overname van Aixtron door Midea.",
        [
            ("Ban", "asserted", {"imposer": ("german-government",), "target": ("midea-group",)}),
            ("Deal", "asserted", {"party": ("aixtron", "midea-group")}),
        ],
        id="nl-geblokkeerde-overname-door",
    ),
    pytest.param(
        "en",
        "The Commerce Department will bar the sale of passenger vehicles from China.",
        [],
        id="en-blocked-sale-of-goods-is-no-deal",
    ),
    # Round 16: commas. Names set after a noun that has none are who the noun means; the
    # comma after a sentence's opening phrase opens no apposition; a participle after a
    # name and a comma is done to that name.
    pytest.param(
        "en",
        "Washington imposed sanctions on Russia's two main spy agencies, the GRU and the FSB, "
        "over the attack.",
        [("Ban", "asserted", {"imposer": ("american-government",), "target": ("fsb", "gru")})],
        id="en-names-after-a-nameless-noun-are-its-referents",
    ),
    pytest.param(
        "en",
        "Britain on Monday accused Russia's foreign intelligence service, the SVR, of hacking "
        "the ministry.",
        [("Allegation", "asserted", {"accuser": ("united-kingdom",), "accused": ("svr",)})],
        id="en-apposed-name-is-the-object",
    ),
    pytest.param(
        "en",
        "In Washington, the Justice Department charged two Chinese nationals, Zhao Guangzong "
        "and Ni Gaobin, with hacking.",
        [
            (
                "Allegation",
                "asserted",
                {
                    "accuser": ("us-department-of-justice",),
                    "accused": ("ni-gaobin", "zhao-guangzong"),
                },
            )
        ],
        id="en-opening-phrase-comma-is-no-apposition",
    ),
    pytest.param(
        "en",
        "Separately, the Treasury blacklisted two Russian nationals, Evgeniy Bogachev and Aleksey "
        "Belan, accused of running a botnet.",
        [
            (
                "Ban",
                "asserted",
                {"imposer": ("us-treasury",), "target": ("aleksey-belan", "evgeniy-bogachev")},
            )
        ],
        id="en-participle-after-names-is-done-to-them",
    ),
    pytest.param(
        "en",
        "President Barack Obama ordered sanctions on Russia's two main intelligence agencies, "
        "the GRU and the FSB, which his administration accuses of hacking.",
        [("Ban", "asserted", {"imposer": ("american-government",), "target": ("fsb", "gru")})],
        id="en-relative-clause-with-own-subject-has-the-noun-as-object",
    ),
    pytest.param(
        "en",
        "Last year, the Commerce Department, the agency that runs the list, put Huawei on its "
        "Entity List.",
        [("Ban", "asserted", {"imposer": ("us-department-of-commerce",), "target": ("huawei",)})],
        id="en-apposition-after-an-opening-phrase-still-sets-off",
    ),
    pytest.param(
        "en",
        "The Pentagon ordered shops on its bases to stop selling phones made by the Chinese "
        "companies Huawei and ZTE.",
        [
            (
                "Ban",
                "asserted",
                {"imposer": ("us-department-of-defense",), "target": ("huawei", "zte")},
            )
        ],
        id="en-maker-of-the-stopped-goods-is-the-target",
    ),
    pytest.param(
        "en",
        "Last week the Commerce Department barred American firms from selling parts to ZTE, "
        "saying the company had made false statements.",
        [
            (
                "Allegation",
                "asserted",
                {"accuser": ("us-department-of-commerce",), "accused": ("zte",)},
            ),
            ("Ban", "asserted", {"imposer": ("us-department-of-commerce",), "target": ("zte",)}),
        ],
        id="en-saying-after-a-dated-main-clause-is-its-subjects",
    ),
    pytest.param(
        "en",
        "The Pentagon banned phones made by Huawei and ZTE, saying they could pose a security "
        "risk.",
        [
            (
                "Allegation",
                "asserted",
                {"accuser": ("us-department-of-defense",), "accused": ("huawei", "zte")},
            ),
            (
                "Ban",
                "asserted",
                {"imposer": ("us-department-of-defense",), "target": ("huawei", "zte")},
            ),
        ],
        id="en-they-in-the-reason-is-what-the-measure-hit",
    ),
    pytest.param(
        "en",
        "The Global Times reported that Beijing was ready to launch investigations into Apple.",
        [
            (
                "Allegation",
                "speculative",
                {"accuser": ("chinese-government",), "accused": ("apple",)},
            )
        ],
        id="en-reported-readiness-stays-speculative",
    ),
    pytest.param(
        "en",
        "North Korea was responsible for the theft of $600 million from Sky Mavis, the FBI said.",
        [("Allegation", "asserted", {"accuser": ("fbi",), "accused": ("north-korea",)})],
        id="en-speaker-tag-after-a-comma-is-no-apposition",
    ),
    pytest.param(
        "en",
        "The ban covers China Unicom, the country's third-largest operator, which the New York "
        "Stock Exchange delisted in January.",
        [
            (
                "Ban",
                "asserted",
                {"imposer": ("new-york-stock-exchange",), "target": ("china-unicom",)},
            )
        ],
        id="en-relative-clause-right-after-an-apposition",
    ),
    pytest.param(
        "en",
        "India agreed to buy five air defence systems from Russia.",
        [("Deal", "asserted", {"party": ("india", "russia")})],
        id="en-a-state-sells-what-is-bought-from-it",
    ),
    pytest.param(
        "nl",
        "De FCC trok vorig jaar de vergunning van China Telecom Americas in.",
        [
            (
                "Ban",
                "asserted",
                {
                    "imposer": ("federal-communications-commission",),
                    "target": ("china-telecom-americas",),
                },
            )
        ],
        id="nl-revoked-licence-is-a-ban",
    ),
    pytest.param(
        "nl",
        "Rapidus werd in augustus opgericht door acht Japanse concerns, onder wie Toyota, Sony "
        "en SoftBank.",
        [("Deal", "asserted", {"party": ("rapidus", "softbank", "sony", "toyota")})],
        id="nl-founders-are-parties-of-the-venture",
    ),
    pytest.param(
        "en",
        "Huawei was founded by Ren Zhengfei in 1987.",
        [],
        id="en-a-person-founding-a-company-is-no-deal",
    ),
    pytest.param(
        "en",
        "The US government barred Americans from investing in 59 Chinese companies, among them "
        "Huawei and SMIC.",
        [("Ban", "asserted", {"imposer": ("american-government",), "target": ("huawei", "smic")})],
        id="en-a-state-barring-its-own-people-hits-what-they-deal-with",
    ),
    pytest.param(
        "en",
        "Britain condemned Russia's cyber attack on Ukraine.",
        [("Allegation", "asserted", {"accuser": ("united-kingdom",), "accused": ("russia",)})],
        id="en-condemning-someones-attack-accuses-them",
    ),
    pytest.param(
        "nl",
        "Het Witte Huis veroordeelde de Iraanse cyberaanval op Albanië.",
        [("Allegation", "asserted", {"accuser": ("american-government",), "accused": ("iran",)})],
        id="nl-condemning-someones-attack-accuses-them",
    ),
    pytest.param(
        "en",
        "Beijing condemned the attack on its embassy.",
        [],
        id="en-condemning-an-attack-of-no-one-accuses-no-one",
    ),
    pytest.param(
        "en",
        "Airbus and Boeing accuse each other of benefiting from illegal subsidies.",
        [
            ("Allegation", "asserted", {"accuser": ("airbus",), "accused": ("boeing",)}),
            ("Allegation", "asserted", {"accuser": ("boeing",), "accused": ("airbus",)}),
        ],
        id="en-accusing-each-other-is-two-accusations",
    ),
    pytest.param(
        "nl",
        "Airbus en Boeing beschuldigen elkaar van illegale subsidies.",
        [
            ("Allegation", "asserted", {"accuser": ("airbus",), "accused": ("boeing",)}),
            ("Allegation", "asserted", {"accuser": ("boeing",), "accused": ("airbus",)}),
        ],
        id="nl-elkaar-beschuldigen-is-two-accusations",
    ),
    pytest.param(
        "en",
        "ExxonMobil has signed a deal with the Middle Eastern sheikhdom of Qatar to supply gas.",
        [("Deal", "asserted", {"party": ("exxonmobil", "qatar")})],
        id="en-the-sheikhdom-of-qatar-is-qatar",
    ),
    pytest.param(
        "en",
        "Saudi Arabia agreed on Thursday to buy Russia's S-400 air defence system.",
        [("Deal", "asserted", {"party": ("russia", "saudi-arabia")})],
        id="en-whose-goods-are-bought-sells-them",
    ),
    # round 17: names and speech
    pytest.param(
        "en",
        "The US Treasury sanctioned China's Addsino on Monday.",
        [("Ban", "asserted", {"imposer": ("us-treasury",), "target": ("addsino",)})],
        id="en-an-unknown-name-after-a-states-possessive-is-a-company",
    ),
    pytest.param(
        "nl",
        "Berlijn verbood de verkoop aan het Chinese Addsino.",
        [("Ban", "asserted", {"imposer": ("german-government",), "target": ("addsino",)})],
        id="nl-an-unknown-name-after-het-and-an-adjective-is-a-company",
    ),
    pytest.param(
        "en",
        "Nancy Pelosi spoke in Munich. She pointed out that the United States had recognised "
        "Huawei as a threat by putting it on its entity list.",
        [("Ban", "asserted", {"imposer": ("united-states",), "target": ("huawei",)})],
        id="en-pointed-out-that-reports-a-clause",
    ),
    pytest.param(
        "en",
        "Pompeo said Washington had warned Ankara at the highest levels that buying the system "
        "would endanger American personnel.",
        [
            (
                "Appeal",
                "asserted",
                {"appellant": ("american-government",), "addressee": ("turkish-government",)},
            )
        ],
        id="en-a-name-before-a-preposition-is-the-object-not-a-reported-subject",
    ),
    pytest.param(
        "nl",
        "Verizon koopt zijn netwerkapparatuur ook bij het Zweedse Ericsson en het Finse Nokia.",
        [
            ("Deal", "asserted", {"party": ("ericsson", "verizon")}),
            ("Deal", "asserted", {"party": ("nokia", "verizon")}),
        ],
        id="nl-buying-from-two-suppliers-is-a-deal-with-each",
    ),
    pytest.param(
        "en",
        "Verizon also buys network equipment from Sweden's Ericsson and Finland's Nokia.",
        [
            ("Deal", "asserted", {"party": ("ericsson", "verizon")}),
            ("Deal", "asserted", {"party": ("nokia", "verizon")}),
        ],
        id="en-buying-from-two-suppliers-is-a-deal-with-each",
    ),
    pytest.param(
        "en",
        "Deutsche Telekom uses its equipment in its network, and on Wednesday Telefonica "
        "Deutschland said it had chosen Huawei and Nokia to build its 5G radio network.",
        [
            ("Deal", "asserted", {"party": ("huawei", "telefonica-deutschland")}),
            ("Deal", "asserted", {"party": ("nokia", "telefonica-deutschland")}),
        ],
        id="en-and-a-date-and-a-name-open-a-clause-of-their-own",
    ),
    pytest.param(
        "en",
        "In May the Commerce Department put Huawei on its Entity List.",
        [("Ban", "asserted", {"imposer": ("us-department-of-commerce",), "target": ("huawei",)})],
        id="en-the-month-may-is-no-modal-verb",
    ),
    pytest.param(
        "en",
        "The vote follows the Commerce Department's decision in March to put Huawei on its "
        "Entity List.",
        [("Ban", "asserted", {"imposer": ("us-department-of-commerce",), "target": ("huawei",)})],
        id="en-whose-decision-to-put-on-a-list-imposes-it",
    ),
    pytest.param(
        "nl",
        "Het kabinet in Berlijn verbood de verkoop aan het Chinese Yantai Taihai.",
        [("Ban", "asserted", {"imposer": ("german-government",), "target": ("yantai-taihai",)})],
        id="nl-the-cabinet-in-another-capital-is-that-states-government",
    ),
    pytest.param(
        "en",
        "Huawei was accused by the United States of spying.",
        [("Allegation", "asserted", {"accuser": ("united-states",), "accused": ("huawei",)})],
        id="en-the-by-phrase-of-a-passive-accusation-is-the-accuser",
    ),
    pytest.param(
        "nl",
        "Huawei wordt door de Verenigde Staten beschuldigd van spionage.",
        [("Allegation", "asserted", {"accuser": ("united-states",), "accused": ("huawei",)})],
        id="nl-the-door-phrase-of-a-passive-accusation-is-the-accuser",
    ),
    pytest.param(
        "nl",
        "De Verenigde Staten beschuldigen Huawei ervan dat zijn apparatuur kan worden "
        "misbruikt voor spionage door Peking.",
        [
            (
                "Allegation",
                "asserted",
                {"accuser": ("united-states",), "accused": ("huawei",)},
            )
        ],
        id="nl-a-door-phrase-after-a-noun-is-no-passive-agent",
    ),
    pytest.param(
        "en",
        "Qatar Airways signed an order for as many as 210 Boeing jets on Wednesday.",
        [("Deal", "asserted", {"party": ("boeing", "qatar-airways")})],
        id="en-a-quantity-leaves-the-preposition-its-marker",
    ),
    pytest.param(
        "nl",
        "Xi kwam dinsdag in de Filipijnse hoofdstad aan voor een staatsbezoek van twee dagen.",
        [("StateVisit", "asserted", {"visitor": ("xi-jinping",), "host": ("philippines",)})],
        id="nl-a-states-capital-by-its-adjective-hosts-the-visit",
    ),
    pytest.param(
        "nl",
        "Xi kwam in de Filipijnse hoofdstad aan voor een staatsbezoek, na bezoeken aan Brunei.",
        [
            ("StateVisit", "asserted", {"visitor": ("xi-jinping",), "host": ("philippines",)}),
            ("StateVisit", "asserted", {"visitor": ("xi-jinping",), "host": ("brunei",)}),
        ],
        id="nl-visits-to-two-hosts-in-one-clause-are-two-visits",
    ),
    pytest.param(
        "en",
        "Vodafone's radio network uses equipment from Sweden's Ericsson and China's Huawei.",
        [
            ("Deal", "asserted", {"party": ("ericsson", "vodafone")}),
            ("Deal", "asserted", {"party": ("huawei", "vodafone")}),
        ],
        id="en-whose-network-uses-equipment-from-two-suppliers",
    ),
    pytest.param(
        "en",
        "Boeing's great European competitor is to sell ten jets to Air Europe.",
        [],
        id="en-a-possessor-is-no-seller",
    ),
    pytest.param(
        "en",
        "Micron sued Fujian Jinhua and its partner UMC last December, accusing them of stealing "
        "its trade secrets.",
        [("Allegation", "asserted", {"accuser": ("micron",), "accused": ("fujian-jinhua", "umc")})],
        id="en-accusing-them-is-what-the-main-clause-acted-on",
    ),
    pytest.param(
        "nl",
        "NXP deed Nexperia van de hand aan JAC Capital.",
        [("Deal", "asserted", {"party": ("jac-capital", "nexperia", "nxp")})],
        id="nl-van-de-hand-doen-is-selling",
    ),
    pytest.param(
        "en",
        "Washington then withdrew its request that Canada extradite her.",
        [("Appeal", "negated", {"appellant": ("american-government",), "addressee": ("canada",)})],
        id="en-its-request-is-the-subjects-own",
    ),
    pytest.param(
        "en",
        "Huawei challenged its ban in court.",
        [],
        id="en-its-ban-challenged-is-no-ban-by-the-subject",
    ),
    pytest.param(
        "nl",
        "De Nederlandse regering laat Huawei niet toe.",
        [("Ban", "asserted", {"imposer": ("dutch-government",), "target": ("huawei",)})],
        id="nl-niet-toelaten-is-a-ban",
    ),
    pytest.param(
        "nl",
        "In april werd ook het Russische Rosatom buitengesloten, nadat Praag agenten van de "
        "GRU verantwoordelijk had gehouden voor de explosies.",
        [("Ban", "asserted", {"imposer": ("czech-government",), "target": ("rosatom",)})],
        id="nl-buitengesloten-is-a-ban",
    ),
    pytest.param(
        "nl",
        "Facebook is geblokkeerd. Roskomnadzor bevestigde vrijdag ook dat het de toegang tot "
        "Twitter heeft beperkt.",
        [("Ban", "asserted", {"imposer": ("roskomnadzor",), "target": ("twitter",)})],
        id="nl-the-access-to-a-company-is-what-a-ban-restricts",
    ),
    pytest.param(
        "en",
        "Bell and Telus, two of Canada's three largest carriers, use Huawei equipment in their "
        "4G networks.",
        [
            ("Deal", "asserted", {"party": ("bell", "huawei")}),
            ("Deal", "asserted", {"party": ("huawei", "telus")}),
        ],
        id="en-each-user-of-a-makers-equipment-has-a-deal-with-it",
    ),
    pytest.param(
        "en",
        "Operators that already use Huawei and ZTE gear must phase it out.",
        [],
        id="en-makers-with-no-named-user-make-no-deal",
    ),
    pytest.param(
        "nl",
        "De Canadese telecombedrijven Bell en Telus gebruiken apparatuur van Huawei in hun "
        "4G-netwerken.",
        [
            ("Deal", "asserted", {"party": ("bell", "huawei")}),
            ("Deal", "asserted", {"party": ("huawei", "telus")}),
        ],
        id="nl-each-user-of-a-suppliers-equipment-has-a-deal-with-it",
    ),
    pytest.param(
        "nl",
        "Roskomnadzor heeft vrijdagavond Facebook in Rusland geblokkeerd.",
        [("Ban", "asserted", {"imposer": ("roskomnadzor",), "target": ("facebook",)})],
        id="nl-facebook-is-the-network-not-meta",
    ),
    pytest.param(
        "en",
        "The Federal Communications Commission voted to revoke the authorisation that allowed "
        "China Unicom Americas to provide services.",
        [
            (
                "Ban",
                "asserted",
                {
                    "imposer": ("federal-communications-commission",),
                    "target": ("china-unicom-americas",),
                },
            )
        ],
        id="en-a-revoked-authorisation-is-a-ban",
    ),
    pytest.param(
        "en",
        "Two Canadians, Michael Kovrig and Michael Spavor, were detained. China charged Kovrig, "
        "a former diplomat, and Spavor, a businessman, with spying.",
        [
            (
                "Allegation",
                "asserted",
                {"accuser": ("china",), "accused": ("michael-kovrig", "michael-spavor")},
            )
        ],
        id="en-and-after-an-apposition-goes-on-with-the-list",
    ),
    pytest.param(
        "en",
        "The Justice Department said it would go on prosecuting Huawei.",
        [
            (
                "Allegation",
                "asserted",
                {"accuser": ("us-department-of-justice",), "accused": ("huawei",)},
            )
        ],
        id="en-prosecuting-accuses",
    ),
    pytest.param(
        "nl",
        "Het Amerikaanse ministerie van Justitie klaagde woensdag Huawei aan.",
        [
            (
                "Allegation",
                "asserted",
                {"accuser": ("us-department-of-justice",), "accused": ("huawei",)},
            )
        ],
        id="nl-klaagde-aan-accuses",
    ),
    pytest.param(
        "nl",
        "Vodafone en CK Hutchison kondigden de samenvoeging in juni vorig jaar aan.",
        [("Deal", "asserted", {"party": ("ck-hutchison", "vodafone")})],
        id="nl-samenvoeging-is-a-merger",
    ),
    pytest.param(
        "en",
        "The US Treasury on Monday imposed sanctions on Tornado Cash, a service that mixes "
        "cryptocurrency transactions.",
        [("Ban", "asserted", {"imposer": ("us-treasury",), "target": ("tornado-cash",)})],
        id="en-an-unknown-name-after-sanctions-on-is-the-target",
    ),
    pytest.param(
        "en",
        "Michael Howard accused Mr Blair of misleading voters.",
        [],
        id="en-a-form-of-address-makes-no-new-company",
    ),
    pytest.param(
        "nl",
        "Nederland verijdelde een hack van de Organisatie voor het Verbod op Chemische Wapens.",
        [],
        id="nl-a-trigger-inside-a-name-hits-no-name",
    ),
    pytest.param(
        "nl",
        "De Britse regering besloot dinsdag Huawei te weren uit de kern van het 5G-netwerk.",
        [("Ban", "asserted", {"imposer": ("british-government",), "target": ("huawei",)})],
        id="nl-besloot-x-te-weren-x-is-no-speaker",
    ),
]


@pytest.mark.parametrize(("lang", "text", "expected"), CASES)
def test_general_constructions(
    lang: str, text: str, expected: list[tuple[str, str, Roles]]
) -> None:
    assert _facts(text, lang) == sorted(expected, key=repr)


@pytest.mark.parametrize(
    ("lang", "text", "phrase", "eid"),
    [
        ("en", "China has hit back. Its commerce ministry barred Nexperia.", "Its commerce ministry", "chinese-ministry-of-commerce"),
        ("nl", "Het Chinese ministerie van Handel reageerde.", "Chinese ministerie van Handel", "chinese-ministry-of-commerce"),
        ("en", "The Dutch economy ministry said so.", "Dutch economy ministry", "dutch-ministry-of-economic-affairs"),
        ("en", "China's Wingtech Technology owns it.", "Wingtech Technology", "wingtech"),
        ("en", "Hangzhou Hikvision Digital Technology makes cameras.", "Hangzhou Hikvision Digital Technology", "hikvision"),
        ("en", "Het Witte Huis zweeg.", "Het Witte Huis", "american-government"),
        ("nl", "KPN en T-Mobile bieden mee.", "T-Mobile", "t-mobile-netherlands"),
        ("en", "T-Mobile US signed. Later T-Mobile grew.", "T-Mobile", "t-mobile-us"),
        ("en", "The Chinese embassy in Ottawa protested.", "Chinese embassy", "china"),
        # organisations the registry does not know: the name runs to its name word, the
        # adjective before it is no part of it, a long name is the short one of its initials
        ("nl", "Het Chinese Hubei Xinyan Equity Investment Fund bood mee.", "Hubei Xinyan Equity Investment Fund", "hubei-xinyan-equity-investment-fund"),
        ("nl", "Het werd de onderneming Anhui Jianghuai Automobile Group Holdings.", "Anhui Jianghuai Automobile Group Holdings", "anhui-jianghuai-automobile-group-holdings"),
        ("en", "It named Semiconductor Manufacturing International Corp and others.", "Semiconductor Manufacturing International", "smic"),
        ("nl", "Het kocht Salt, de Zwitserse telecomaanbieder, niet.", "Salt", "salt"),
        ("en", "It said Globe, the Philippine operator, signed.", "Globe", "globe"),
        ("en", "Its Chinese partner Dongfeng Motor builds cars.", "Dongfeng Motor", "dongfeng-motor"),
        # an institution placed in a state's capital is that state's
        ("nl", "Het ministerie van Justitie in Washington klaagde hen aan.", "ministerie van Justitie", "us-department-of-justice"),
        ("en", "The Ministry of Commerce in Beijing said it would act.", "Ministry of Commerce", "chinese-ministry-of-commerce"),
        ("en", "The Ministry of State Security in Beijing denied it.", "Ministry of State Security", "chinese-ministry-of-state-security"),
        # people listed after a plural for people, a nationality's among them
        ("nl", "Tegen de twee Chinezen, Zhu Hua en Zhang Shilong, is een aanklacht ingediend.", "Zhang Shilong", "zhang-shilong"),
        ("en", "It charged five military officers, Wang Dong and Sun Kailiang among them.", "Sun Kailiang", "sun-kailiang"),
        # hacking groups by any security firm's name for them
        ("en", "Microsoft calls the group Volt Typhoon.", "Volt Typhoon", "volt-typhoon"),
        ("nl", "Volgens Londen zit APT31 achter de aanval.", "APT31", "apt31"),
        ("en", "Britain blamed Fancy Bear for the attack.", "Fancy Bear", "apt28"),
    ],
)  # fmt: skip
def test_registry_names_of_the_field(lang: str, text: str, phrase: str, eid: str) -> None:
    found = [(m.text, m.entity) for m in find_mentions(text, lang).mentions]
    assert (phrase, eid) in found


@pytest.mark.parametrize(
    ("lang", "text", "absent"),
    [
        ("en", "The FCC voted. Then the commission adjourned.", "european-commission"),
        ("en", "Commerce Secretary Wilbur Ross spoke. The Commerce Department agreed.", None),
        ("en", "The Trades Union Congress called a strike.", "us-congress"),
        ("en", "Shares rose on the London Stock Exchange.", "british-government"),
        ("en", "He flew with Air China Cargo.", "china"),
    ],
)
def test_names_that_are_not_what_they_look_like(lang: str, text: str, absent: str | None) -> None:
    mentions = find_mentions(text, lang).mentions
    if absent is not None:
        assert absent not in {m.entity for m in mentions}
    else:  # "Commerce" in a title names no department
        assert [m.text for m in mentions if m.entity == "us-department-of-commerce"] == [
            "Commerce Department"
        ]


@pytest.mark.parametrize(
    ("lang", "text", "published", "value"),
    [
        ("en", "In November last year it changed.", "2023-11-08", "2022-11"),
        ("nl", "Dat maakte ASML op nieuwjaarsdag bekend.", "2024-01-02", "2024-01-01"),
        ("en", "Xi arrived on Tuesday. Hours later, they signed.", "2015-09-23", "2015-09-22"),
        ("nl", "Xi kwam dinsdag aan. De volgende dag tekenden ze.", "2015-09-25", "2015-09-23"),
    ],
)
def test_dates_counted_from_context(lang: str, text: str, published: str, value: str) -> None:
    found = [d for d in find_dates(text, lang, DateSpec.parse(published)) if d.spec is not None]
    assert found[-1].spec is not None and found[-1].spec.value == value


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_trial_takes_place_where_its_participants_are(lang: str) -> None:
    text = {
        "nl": "VodafoneZiggo heeft dinsdag 5G gelanceerd.",
        "en": "VodafoneZiggo launched 5G on Tuesday.",
    }[lang]
    (trial,) = [f for f in _sheet(text, lang).facts if f.type == "Trial"]
    assert trial.roles["location"] == ("netherlands",)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_minister_acts_for_a_ban_and_a_chief_executive_only_signs(lang: str) -> None:
    text = {
        "nl": "Minister Grant Shapps beval Nexperia de fabriek te verkopen. Topman Pekka "
        "Lundmark tekende een contract met BT.",
        "en": "Business Secretary Grant Shapps ordered Nexperia to sell the plant. Chief "
        "executive Pekka Lundmark signed a contract with BT.",
    }[lang]
    sources = {f.type: f.roles.get("attributedTo", ()) for f in _sheet(text, lang).facts}
    assert "grant-shapps" in sources.get("Ban", ("grant-shapps",))
    assert "pekka-lundmark" not in sources.get("Deal", ())


@pytest.mark.parametrize(
    ("lang", "text", "new", "absent"),
    [
        ("en", "In Kumamoto, Sony and Ibiden are minority partners.", "Ibiden", None),
        ("nl", "Airspan en Nokia vielen af.", "Airspan", None),
        ("en", "It banned apps such as TikTok, Likee and WeChat.", "Likee", None),
        ("nl", "Het gaat om TikTok, Likee en Kwai.", "Kwai", None),
        ("en", "Phones by Ericsson, Arima, BenQ and Fujitsu are safe.", "Arima", None),
        ("en", "Talks between Google and Mr Miller stalled.", None, "mr-miller"),
        ("en", "While EDS and Microsoft talked, prices fell.", None, "while-eds"),
        ("en", "Shows on Sky and TV were cut.", None, "tv"),
    ],
)
def test_a_name_listed_with_a_known_company_is_a_company(
    lang: str, text: str, new: str | None, absent: str | None
) -> None:
    found = find_mentions(text, lang)
    names = {m.text: found.entities[m.entity] for m in found.mentions}
    if new is not None:
        entity = names[new]
        assert entity.type == "Company" and entity.review
    if absent is not None:  # what else may make of it, not a company listed with another
        entity = found.entities.get(absent)
        assert entity is None or "listed with" not in (entity.note or "")


@pytest.mark.parametrize(
    ("lang", "text", "people", "absent"),
    [
        (
            "en",
            "The five, named as Wang Dong, Sun Kailiang and Gu Chunhui, belong to a PLA unit.",
            ["Wang Dong", "Sun Kailiang", "Gu Chunhui"],
            [],
        ),
        (
            "nl",
            "Volgens de aanklacht werkten Wu Zhiyong en Xu Ke voor het leger.",
            ["Wu Zhiyong", "Xu Ke"],
            [],
        ),
        ("en", "The engineer Park Min-jun met the president.", ["Park Min-jun"], []),
        ("en", "Prosecutors charged Yin Kecheng. Yin denied it.", ["Yin Kecheng", "Yin"], []),
        (
            "en",
            "Lee Anderson and Kim Wilde spoke; Wang Laboratories and Song Dynasty did not.",
            [],
            ["lee-anderson", "kim-wilde", "wang-laboratories", "song-dynasty"],
        ),
    ],
)
def test_a_name_of_a_family_name_and_a_given_name_is_a_person(
    lang: str, text: str, people: list[str], absent: list[str]
) -> None:
    found = find_mentions(text, lang)
    names = {m.text: found.entities[m.entity] for m in found.mentions}
    for name in people:
        assert names[name].type == "Person" and names[name].review
    for eid in absent:
        entity = found.entities.get(eid)
        assert entity is None or entity.type != "Person"
