"""Write ``src/tradetalks/data/stockholm_2025.json`` from the article beside it.

The JSON file is the shipped record; this script is how it was made, by finding each
quoted passage in the article (so no offset is typed by hand). Run it from the project's
root after changing a record here, then review the diff of the JSON file:

    python scripts/build_stockholm_2025.py
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import tradetalks as tt
from tradetalks import (
    Dataset,
    Delegate,
    Evidence,
    Meeting,
    MeetingKind,
    Mode,
    Organization,
    OrganizationKind,
    Party,
    Person,
    Position,
    ResolutionRule,
    ResolvedDate,
    Role,
    Round,
    Source,
    Statement,
    Truce,
    TruceTerm,
    UnnamedGroup,
)

DATA = Path(__file__).resolve().parent.parent / "src" / "tradetalks" / "data"
TEXT_FILE = "global-times-2025-07-30-stockholm.txt"
DATELINE = dt.date(2025, 7, 30)
TRACK = "China-US economic and trade talks"

K = OrganizationKind


def sentences_around(source: Source, words: str) -> Evidence:
    """The whole sentences of the source in which ``words`` stand (once), as evidence.

    A sentence ends at the end of a line, or after ".", "?" or "!" (and a closing quotation
    mark) followed by white space and a capital or an opening quotation mark, but not inside
    a quotation, nor in "U.S.".
    """
    text = source.text
    ends = [
        match.end()
        for match in re.finditer(r'(?<![A-Z]\.[A-Z]\.)(?<=[.?!])"?\s+(?=["A-Z])|\n', text)
        if match.group() == "\n"
        or text.count('"', text.rfind("\n", 0, match.start()) + 1, match.end()) % 2 == 0
    ]
    first = Evidence.find(source, words)
    start = max([0, *(end for end in ends if end <= first.start)])
    end = min([*(end for end in ends if end >= first.end), len(text)])
    return Evidence.find(source, text[start:end].rstrip())


def build() -> Dataset:
    """The Stockholm record, built from the article's text."""
    text = (DATA / TEXT_FILE).read_bytes().decode("utf-8")
    # An organization's country is given only where its name or the article's words for it
    # say it ("Chinese Foreign Ministry", "U.S. Treasury Secretary", "Renmin University of
    # China"); the article does not state the home country of the outlets, the business
    # council or Congress, so none is recorded for them.
    global_times = Organization(id="global-times", name="Global Times", kind=K.OUTLET)
    article = Source(
        id="global-times-2025-07-30-stockholm",
        outlet=global_times,
        published_on=DATELINE,
        language="en",
        text=text,
        text_file=TEXT_FILE,
    )

    def ev(exact: str, occurrence: int | None = None) -> Evidence:
        return Evidence.find(article, exact, occurrence=occurrence)

    def said(words: str) -> ResolvedDate:
        return tt.resolve_date(words, DATELINE)

    def context(day: str) -> ResolvedDate:
        return ResolvedDate(f"{day}?", None, ResolutionRule.CONTEXT)

    both_sides = ev("a new round of China-U.S. economic and trade talks")
    china = Party(code="CN", name="China", evidence=[both_sides])
    us = Party(code="US", name="United States", evidence=[both_sides])

    def org(ident: str, name: str, kind: K, exact: str, **more: Any) -> Organization:
        occurrence = more.pop("occurrence", None)
        return Organization(
            id=ident,
            name=name,
            kind=kind,
            evidence=[ev(exact, occurrence)],
            **more,
        )

    xinhua = org("xinhua", "Xinhua News Agency", K.OUTLET, "Xinhua News Agency", occurrence=1)
    cnn = org("cnn", "CNN", K.OUTLET, "CNN reported")
    reuters = org("reuters", "Reuters", K.OUTLET, "Reuters reported")
    politburo = org(
        "cpc-political-bureau",
        "Political Bureau of the Communist Party of China Central Committee",
        K.POLITICAL_PARTY,
        "Political Bureau of the Communist Party of China Central Committee",
        country="CN",
    )
    foreign_ministry = org(
        "chinese-foreign-ministry",
        "Chinese Foreign Ministry",
        K.MINISTRY,
        "Chinese Foreign Ministry",
        country="CN",
    )
    mofcom = org(
        "mofcom",
        "Ministry of Commerce",
        K.MINISTRY,
        "MOFCOM website",
        country="CN",
        short_name="MOFCOM",
    )
    treasury = org(
        "us-treasury",
        "US Department of the Treasury",
        K.MINISTRY,
        "U.S. Treasury Secretary",
        country="US",
        short_name="Treasury",
    )
    ustr = org(
        "ustr",
        "Office of the US Trade Representative",
        K.GOVERNMENT_OFFICE,
        "US Trade Representative",
        occurrence=1,
        country="US",
    )
    caitec = org(
        "caitec",
        "Chinese Academy of International Trade and Economic Cooperation",
        K.RESEARCH_INSTITUTE,
        "Chinese Academy of International Trade and Economic Cooperation",
        country="CN",
    )
    renmin = org(
        "renmin-university",
        "Renmin University of China",
        K.UNIVERSITY,
        "Renmin University of China",
        country="CN",
    )
    school = org(
        "ruc-school-of-international-studies",
        "School of International Studies",
        K.ACADEMIC_UNIT,
        "School of International Studies",
        country="CN",
        parent=renmin,
    )
    department = org(
        "ruc-department-of-international-politics",
        "Department of International Politics",
        K.ACADEMIC_UNIT,
        "Department of International Politics",
        country="CN",
        parent=school,
    )
    uscbc = org(
        "uscbc",
        "US-China Business Council",
        K.BUSINESS_COUNCIL,
        "US-China Business Council (USCBC)",
        short_name="USCBC",
    )
    congress = org("us-congress", "Congress", K.LEGISLATURE, "legislation in Congress")

    def person(ident: str, name: str) -> Person:
        return Person(id=ident, name=name, evidence=[ev(name, 1)])

    he = person("he-lifeng", "He Lifeng")
    bessent = person("scott-bessent", "Scott Bessent")
    greer = person("jamieson-greer", "Jamieson Greer")
    guo = person("guo-jiakun", "Guo Jiakun")
    zhou = person("zhou-mi", "Zhou Mi")
    bao = person("bao-jianyun", "Bao Jianyun")
    wang = person("wang-wentao", "Wang Wentao")
    subramaniam = person("rajesh-subramaniam", "Rajesh Subramaniam")

    positions = [
        Position(
            id="he-lifeng-vice-premier",
            person=he,
            title="Vice Premier",
            party=china,
            evidence=[ev("Chinese Vice Premier He Lifeng", 1)],
        ),
        Position(
            id="he-lifeng-political-bureau",
            person=he,
            title="member of the Political Bureau of the Communist Party of China Central Committee",
            organization=politburo,
            party=china,
            evidence=[
                ev(
                    "also a member of the Political Bureau of the Communist Party of "
                    "China Central Committee"
                )
            ],
        ),
        Position(
            id="scott-bessent-treasury-secretary",
            person=bessent,
            title="Treasury Secretary",
            organization=treasury,
            party=us,
            evidence=[ev("U.S. Treasury Secretary Scott Bessent")],
        ),
        Position(
            id="jamieson-greer-trade-representative",
            person=greer,
            title="US Trade Representative",
            organization=ustr,
            party=us,
            evidence=[ev("US Trade Representative Jamieson Greer", 1)],
        ),
        Position(
            id="guo-jiakun-spokesperson",
            person=guo,
            title="spokesperson",
            organization=foreign_ministry,
            party=china,
            evidence=[ev("Chinese Foreign Ministry spokesperson Guo Jiakun")],
        ),
        Position(
            id="zhou-mi-senior-researcher",
            person=zhou,
            title="senior researcher",
            organization=caitec,
            evidence=[
                ev(
                    "Zhou Mi, a senior researcher at the Chinese Academy of "
                    "International Trade and Economic Cooperation"
                )
            ],
        ),
        Position(
            id="bao-jianyun-dean-and-professor",
            person=bao,
            title="dean and professor",
            organization=department,
            evidence=[
                ev(
                    "Bao Jianyun, dean and professor of the Department of "
                    "International Politics, School of International Studies at "
                    "the Renmin University of China"
                )
            ],
        ),
        Position(
            id="wang-wentao-commerce-minister",
            person=wang,
            title="Commerce Minister",
            organization=mofcom,
            party=china,
            evidence=[ev("Chinese Commerce Minister Wang Wentao")],
        ),
        Position(
            id="rajesh-subramaniam-board-chair",
            person=subramaniam,
            title="board chair",
            organization=uscbc,
            evidence=[
                ev("Rajesh Subramaniam, board chair of the US-China Business Council (USCBC)")
            ],
        ),
    ]

    earlier = ev("Following previous China-US trade talks in Geneva in May and London in June")
    third = ev(
        "The Stockholm talks mark the third such meeting between the two sides in three months"
    )
    # The article names Geneva and London but not their countries, so none is recorded.
    geneva = Round(
        id="geneva-2025",
        track=TRACK,
        number=1,
        city="Geneva",
        dates="2025-05",
        evidence=[earlier, third],
    )
    london = Round(
        id="london-2025",
        track=TRACK,
        number=2,
        city="London",
        dates="2025-06",
        evidence=[earlier, third],
    )
    stockholm = Round(
        id="stockholm-2025",
        track=TRACK,
        number=3,
        city="Stockholm",
        country="SE",
        dates="2025-07-28/2025-07-29",
        delegates=[
            Delegate(
                person=he,
                party=china,
                role=Role.LEAD,
                title="Vice Premier",
                evidence=[
                    ev(
                        "He made the remarks during the new round of China-US "
                        "economic and trade talks in Stockholm"
                    )
                ],
            ),
            Delegate(
                person=bessent,
                party=us,
                role=Role.LEAD,
                title="Treasury Secretary",
                evidence=[ev("US lead person Treasury Secretary Scott Bessent")],
            ),
            Delegate(
                person=greer,
                party=us,
                role=Role.MEMBER,
                title="US Trade Representative",
                evidence=[ev("US Trade Representative Jamieson Greer", 1)],
            ),
        ],
        evidence=[
            ev(
                "He made the remarks during the new round of China-US economic and trade "
                "talks in Stockholm from Monday to Tuesday"
            ),
            ev("in Stockholm, Sweden, July 28, 2025"),
            third,
        ],
    )

    uscbc_meeting = Meeting(
        id="wang-wentao-meets-uscbc",
        kind=MeetingKind.MEETING,
        description="Chinese Commerce Minister Wang Wentao meets a delegation of the "
        "US-China Business Council led by its board chair, Rajesh Subramaniam",
        participants=[wang, subramaniam, uscbc],
        city="Beijing",  # no country: the article says "in Beijing" only
        dates="2025-07-30",
        evidence=[
            ev(
                "On Wednesday, Chinese Commerce Minister Wang Wentao met with a delegation "
                "led by Rajesh Subramaniam, board chair of the US-China Business Council "
                "(USCBC) in Beijing."
            )
        ],
    )
    presidents_call = Meeting(
        id="presidents-phone-call",
        kind=MeetingKind.PHONE_CALL,
        description="The phone call between the presidents of China and the US",
        participants=[UnnamedGroup("the two presidents")],
        evidence=[
            ev(
                "the important common understandings reached by the two presidents during the "
                "phone call"
            ),
            ev("the consensus reached during a recent presidential call"),
        ],
    )

    def st(ident: str, speakers: list[Any], mode: Mode, words: str, **more: Any) -> Statement:
        """A statement whose evidence is the sentences that report it."""
        return Statement(
            id=ident,
            speakers=speakers,
            mode=mode,
            text=words,
            evidence=[sentences_around(article, words)],
            **more,
        )

    d, i, m = Mode.DIRECT, Mode.INDIRECT, Mode.MIXED
    experts = UnnamedGroup("Chinese experts")
    statements = [
        st(
            "he-lifeng-enhance-consensus",
            [he],
            i,
            "The US should work with China to continue to enhance consensus, reduce "
            "misunderstandings, strengthen cooperation, further deepen dialogue and "
            "consultations, and strive for more win-win outcomes",
            said_on=said("on Tuesday"),
            reported_by=[xinhua],
            occasion=stockholm,
        ),
        st(
            "he-lifeng-stable-relationship",
            [he],
            i,
            "A stable, healthy and sustainable China-US economic and trade relationship serves "
            "not only the two countries' respective development goals but also contributes to "
            "global economic growth and stability",
            said_on=context("2025-07-29"),
            occasion=stockholm,
        ),
        st(
            "guo-jiakun-common-understandings",
            [guo],
            i,
            "China hopes the US will work with China to follow the important common "
            "understandings reached by the two presidents during the phone call, make good use "
            "of the consultation mechanism, have more consensus and cooperation and fewer "
            "misperceptions through dialogue and communication on the basis of equality, "
            "respect and mutual benefit, achieve more mutually beneficial results, and jointly "
            "promote the sound, steady and sustainable development of bilateral relations",
            said_on=said("on Wednesday"),
            audience="Responding to a question seeking further details on the talks",
            occasion=stockholm,
        ),
        st(
            "chinese-experts-constructive-atmosphere",
            [experts],
            i,
            "the constructive atmosphere of China-US trade talks",
            occasion=stockholm,
        ),
        st(
            "chinese-experts-inject-certainty",
            [experts],
            i,
            "it helps inject more certainty to a volatile global geopolitical environment and "
            "disrupted global trade",
            occasion=stockholm,
        ),
        st(
            "zhou-mi-candid-exchanges",
            [zhou],
            d,
            "The fact that the world's two largest economies have engaged in candid exchanges "
            "itself demonstrates that this consultation mechanism remains effective, which is "
            "of great significance in a complex and volatile global environment",
            said_on=said("on Wednesday"),
            audience="told the Global Times",
            occasion=stockholm,
        ),
        st(
            "zhou-mi-favorable-conditions",
            [zhou],
            i,
            "Following previous China-US trade talks in Geneva in May and London in June, the "
            "Stockholm meeting has further created favorable conditions for both sides to "
            "address their respective concerns and de-escalate the tariff disputes that have "
            "strained the global economy",
            said_on=context("2025-07-30"),
            occasion=stockholm,
        ),
        st(
            "zhou-mi-clarify-direction",
            [zhou],
            i,
            "such communications will clarify the direction of future economic and trade work "
            "between China and the US and enable working teams to carry out their tasks more "
            "effectively",
            said_on=context("2025-07-30"),
            occasion=stockholm,
        ),
        st(
            "xinhua-implementing-consensus",
            [xinhua],
            i,
            "Since May, both countries have been working to implement the consensus reached "
            "during a recent presidential call. Central to these efforts is the reduction of "
            "excessive tariffs and a shared aim to cool down frictions between the world's two "
            "largest economies",
            occasion=presidents_call,
        ),
        st(
            "bessent-greer-constructive",
            [bessent, greer],
            m,
            'the two-day meeting was "constructive"',
            audience="Speaking to reporters from Stockholm",
            reported_by=[cnn],
            occasion=stockholm,
        ),
        st(
            "bessent-greer-extension-likely",
            [bessent, greer],
            i,
            "a deal to extend the tariff pause was likely",
            audience="Speaking to reporters from Stockholm",
            reported_by=[cnn],
            occasion=stockholm,
        ),
        st(
            "bessent-very-productive",
            [bessent],
            d,
            "The meetings were very productive",
            reported_by=[UnnamedGroup("the US media")],
            occasion=stockholm,
        ),
        st(
            "bessent-russian-oil-warning",
            [bessent],
            i,
            "he warned Chinese officials that continued purchases of sanctioned Russian oil "
            "could result in steep tariffs due to legislation in Congress",
            said_on=said("on Tuesday"),
            reported_by=[reuters],
            occasion=stockholm,
        ),
        st(
            "guo-jiakun-energy-measures",
            [guo],
            i,
            "China will take energy supply measures that are right for China based on our "
            "national interests. Tariff wars have no winners. Coercion and pressuring cannot "
            "solve problems. China will firmly safeguard its own sovereignty, security and "
            "development interests",
            said_on=said("on Wednesday"),
            audience="Asked to comment on Bessent's reported claim",
            occasion=stockholm,
        ),
        st(
            "bao-jianyun-commitment",
            [bao],
            i,
            "the latest talks underline both countries' commitment to resolving their "
            "differences through negotiation rather than confrontation",
            said_on=said("on Wednesday"),
            audience="told the Global Times",
            occasion=stockholm,
        ),
        st(
            "bao-jianyun-right-direction",
            [bao],
            d,
            "This is the right direction in controlling risks and enhancing predictability and "
            "certainty between China-US economic and trade relations",
            said_on=context("2025-07-30"),
            occasion=stockholm,
        ),
        st(
            "bao-jianyun-mutually-beneficial",
            [bao],
            i,
            "Through trade talks, the US should recognize that bilateral economic and trade "
            "cooperation with China is mutually beneficial and win-win, and more importantly, "
            "these discussions inject hope to the broader global trade and the world economy",
            said_on=context("2025-07-30"),
            occasion=stockholm,
        ),
        st(
            "bao-jianyun-meet-halfway",
            [bao],
            i,
            "the US to meet China halfway to jointly maintain global trade order and free trade",
            said_on=context("2025-07-30"),
            occasion=stockholm,
        ),
        st(
            "mofcom-exchanged-views",
            [mofcom],
            i,
            "The two sides exchanged views on China-US economic and trade relations as well as "
            "US businesses' development in China",
            audience="a statement on the MOFCOM website",
            occasion=uscbc_meeting,
        ),
        st(
            "wang-wentao-meet-halfway",
            [wang],
            i,
            "it is hoped the US will meet China halfway and jointly maintain the stable, "
            "healthy and sustainable development of bilateral economic and trade relations",
            said_on=context("2025-07-30"),
            occasion=uscbc_meeting,
        ),
        st(
            "wang-wentao-door-open-wider",
            [wang],
            d,
            "China's door will only open wider. The policy of welcoming foreign investment has "
            "not changed and will not change",
            said_on=context("2025-07-30"),
            occasion=uscbc_meeting,
        ),
        st(
            "wang-wentao-welcome-investment",
            [wang],
            i,
            "welcome for enterprises from all countries, including US companies, to invest in "
            "China and share development opportunities",
            said_on=context("2025-07-30"),
            occasion=uscbc_meeting,
        ),
        st(
            "rajesh-subramaniam-positive-results",
            [subramaniam],
            i,
            "the USCBC is glad to see that the economic and trade teams of the two countries "
            "have maintained dialogue and achieved positive results",
            said_on=context("2025-07-30"),
            reported_by=[xinhua],
            occasion=uscbc_meeting,
        ),
        st(
            "rajesh-subramaniam-positive-signal",
            [subramaniam],
            i,
            "China has sent a positive signal to the world that it will further deepen reform "
            "and stay committed to opening up, which has boosted market confidence",
            said_on=context("2025-07-30"),
            occasion=uscbc_meeting,
        ),
        st(
            "rajesh-subramaniam-long-term-commitment",
            [subramaniam],
            i,
            "The USCBC and its member companies are committed to long-term development in China "
            "and will strive to play a constructive role in expanding bilateral economic and "
            "trade cooperation",
            said_on=context("2025-07-30"),
            occasion=uscbc_meeting,
        ),
    ]

    deadline = tt.resolve_date("August 12", DATELINE, tense="future").value.to_date()
    truce = Truce(
        id="cn-us-tariff-truce-2025",
        parties=[china, us],
        suspended="tariffs",
        terms=[
            TruceTerm(
                start=deadline - dt.timedelta(days=90),
                end=deadline,
                evidence=[
                    ev(
                        "a 90-day tariff truce agreed upon by the two sides, with a "
                        "deadline approaching on August 12"
                    )
                ],
                derivation='start: the end (August 12) less the 90 days of the "90-day tariff '
                'truce"',
            )
        ],
        evidence=[
            ev(
                "came just days before the expiration of a 90-day tariff truce agreed upon by "
                "the two sides"
            ),
        ],
    )

    return Dataset(
        sources=[article],
        parties=[china, us],
        organizations=[
            global_times,
            xinhua,
            cnn,
            reuters,
            politburo,
            foreign_ministry,
            mofcom,
            treasury,
            ustr,
            caitec,
            renmin,
            school,
            department,
            uscbc,
            congress,
        ],
        people=[he, bessent, greer, guo, zhou, bao, wang, subramaniam],
        positions=positions,
        rounds=[geneva, london, stockholm],
        meetings=[uscbc_meeting, presidents_call],
        statements=statements,
        truces=[truce],
    )


def main() -> None:
    """Build the record and write it beside the article."""
    record = build()
    tt.dump(record, DATA / "stockholm_2025.json")
    print(f"wrote {DATA / 'stockholm_2025.json'}: {record!r}")


if __name__ == "__main__":
    main()
