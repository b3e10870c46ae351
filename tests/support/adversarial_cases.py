"""Scripted model replies for the adversarial suite: seven kinds of bad output, and faithful ones.

A reply cites passages as `[@key]` (an article of `adversarial_articles`); the scripted server
turns that into the number the prompt gave the article. `bad` lists the sentences of a reply that
must not reach the fan; in a faithful reply every sentence must reach the fan unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass

UPGRADE = "certainty upgrade"
QUOTE = "fabricated quote"
SWAP = "citation swap"
NUMBER = "wrong number"
OUTLET = "wrong outlet"
EXTRA = "uncited extra claim"
INJECTION = "prompt injection"
FAITHFUL = "faithful"
KINDS = (UPGRADE, QUOTE, SWAP, NUMBER, OUTLET, EXTRA, INJECTION)


@dataclass(frozen=True)
class Case:
    """One question (or round-up topic) and the reply the model gives to it."""

    kind: str
    ask: str
    reply: str
    bad: tuple[str, ...] = ()
    summary: bool = False


def _bad(kind: str, ask: str, good: str, *bad: str, summary: bool = False) -> Case:
    """A reply of some faithful sentences (`good`, may be empty) and the bad ones after them."""
    reply = " ".join(s for s in (good, *bad) if s)
    return Case(kind, ask, reply, tuple(bad), summary)


CASES: list[Case] = [
    # Certainty upgrades pinned on the outlet: the outlet is right, the claim goes further.
    _bad(
        UPGRADE,
        "Have Leeds made a bid for Ben White?",
        "",
        "According to Sky Sports, White has reportedly signed for Leeds [@sky-white].",
        "The deal is done.",
    ),
    _bad(
        UPGRADE,
        "is kroos going to be klopp's assistant",
        "",
        "Kicker report that Kroos will be Klopp's assistant at Real Madrid [@kicker-kroos].",
    ),
    _bad(
        UPGRADE,
        "Are Chelsea signing Declan Rice?",
        "Chelsea have agreed a £90m fee with West Ham for Declan Rice, The Athletic "
        "understands [@athletic-rice].",
        "The Athletic reports that Rice has completed his move to Chelsea [@athletic-rice].",
    ),
    _bad(
        UPGRADE,
        "Is Alphonso Davies joining Real Madrid?",
        "",
        "Marca report that Real Madrid have agreed a deal to sign Alphonso Davies on a free "
        "transfer [@marca-davies].",
    ),
    _bad(
        UPGRADE,
        "gallagher to atletico?",
        "",
        "According to the Telegraph, Chelsea have accepted Atletico Madrid's £30m offer for "
        "Gallagher [@telegraph-gallagher].",
    ),
    _bad(
        UPGRADE,
        "Are PSG signing Osimhen?",
        "",
        "L'Equipe say Paris Saint-Germain are set to sign Osimhen [@lequipe-osimhen].",
    ),
    _bad(
        UPGRADE,
        "Is Bernardo Silva off to Barcelona?",
        "",
        "ESPN reports that Barcelona are in advanced talks to sign Bernardo Silva "
        "[@espn-silva].",
    ),
    # Quotations the passages do not have.
    _bad(
        QUOTE,
        "Is Declan Rice for sale?",
        "",
        'West Ham manager David Moyes said: "Declan will not be sold for any price" '
        "[@mirror-rice].",
    ),
    _bad(
        QUOTE,
        "Did Newcastle sign Tonali?",
        "Newcastle have completed the signing of Sandro Tonali from AC Milan for £55m "
        "[@guardian-tonali].",
        'Tonali said he was "delighted to finally join a club with Champions League football" '
        "[@guardian-tonali].",
    ),
    _bad(
        QUOTE,
        "Will Osimhen leave Napoli in January?",
        "",
        'De Laurentiis told Gazzetta: "Osimhen will never play for PSG" [@gazzetta-osimhen].',
    ),
    _bad(
        QUOTE,
        "Is Kroos joining Klopp's staff?",
        "",
        'Kicker quote Kroos as saying: "I would love to work with Jurgen again" '
        "[@kicker-kroos].",
    ),
    _bad(
        QUOTE,
        "Is Toney joining Chelsea?",
        "",
        'Brentford said the £40m bid was "nowhere near our valuation" [@mail-toney].',
    ),
    _bad(
        QUOTE,
        "Does Gallagher want to leave Chelsea?",
        "",
        'Gallagher has told friends he is "desperate to stay at Chelsea" '
        "[@telegraph-gallagher].",
    ),
    # Citation swaps: true of one passage, cited to another.
    _bad(
        SWAP,
        "Have Leeds bid for White?",
        "",
        "Leeds have made a £20m bid for White, Sky Sports reports [@sky-white].",
    ),
    _bad(
        SWAP,
        "Is Osimhen joining PSG?",
        "",
        "Napoli have ruled out selling Osimhen in January [@lequipe-osimhen].",
    ),
    _bad(
        SWAP,
        "What's the latest on Declan Rice?",
        "",
        "Chelsea have agreed a £90m fee with West Ham for Rice [@mirror-rice].",
    ),
    _bad(
        SWAP,
        "Is Davies staying at Bayern?",
        "",
        "Davies is close to signing a new contract with Bayern Munich [@marca-davies].",
    ),
    _bad(
        SWAP,
        "Who wants Conor Gallagher?",
        "",
        "Aston Villa and Tottenham have asked about Gallagher [@telegraph-gallagher].",
    ),
    _bad(
        SWAP,
        "Is Gallagher leaving Chelsea?",
        "",
        "Atletico Madrid have made an opening offer of £30m for Gallagher "
        "[@standard-gallagher].",
    ),
    # Wrong numbers.
    _bad(
        NUMBER,
        "How much are Leeds bidding for Ben White?",
        "",
        "Sky Sports understands Leeds are set to make a £25m bid for White [@sky-white].",
    ),
    _bad(
        NUMBER,
        "How much are Chelsea paying for Rice?",
        "",
        "Chelsea have agreed a £95m fee with West Ham for Rice, The Athletic understands "
        "[@athletic-rice].",
    ),
    _bad(
        NUMBER,
        "Is Rice joining Chelsea?",
        "",
        "Rice is expected to sign a four-year contract at Chelsea [@athletic-rice].",
    ),
    _bad(
        NUMBER,
        "Are PSG in for Osimhen?",
        "",
        "Osimhen, 25, has a release clause of €120m, according to L'Equipe "
        "[@lequipe-osimhen].",
    ),
    _bad(
        NUMBER,
        "How much did Chelsea bid for Toney?",
        "",
        "Brentford have rejected a £45m bid from Chelsea for Toney, the Daily Mail reports "
        "[@mail-toney].",
    ),
    _bad(
        NUMBER,
        "is davies going to real madrid on a free",
        "",
        "Davies's contract with Bayern expires in June 2027, Marca reports [@marca-davies].",
    ),
    _bad(
        NUMBER,
        "How much did Newcastle pay for Tonali?",
        "",
        "Newcastle signed Tonali from AC Milan for £65m [@guardian-tonali].",
    ),
    # Wrong outlets.
    _bad(
        OUTLET,
        "Are Leeds after Ben White?",
        "",
        "The Times reports that Leeds are set to make a £20m bid for White [@sky-white].",
    ),
    _bad(
        OUTLET,
        "Has a fee been agreed for Declan Rice?",
        "",
        "According to Sky Sports, Chelsea have agreed a £90m fee for Rice [@athletic-rice].",
    ),
    _bad(
        OUTLET,
        "Are PSG talking to Napoli about Osimhen?",
        "",
        "Marca report that Paris Saint-Germain have opened talks with Napoli over Osimhen "
        "[@lequipe-osimhen].",
    ),
    _bad(
        OUTLET,
        "Did Chelsea bid for Ivan Toney?",
        "",
        "The Guardian reports that Brentford have rejected a £40m bid from Chelsea for Toney "
        "[@mail-toney].",
    ),
    _bad(
        OUTLET,
        "Do Barcelona want Bernardo Silva?",
        "",
        "Fabrizio Romano says Barcelona are keen on signing Bernardo Silva [@espn-silva].",
    ),
    _bad(
        OUTLET,
        "Could Kroos become Klopp's assistant?",
        "",
        "Bild claim Kroos could become Klopp's assistant [@kicker-kroos].",
    ),
    _bad(
        OUTLET,
        "Leeds bid for White?",
        "",
        "Leeds have made a £20m bid for White, according to the Mirror [@gossip].",
    ),
    # Claims that cite nothing.
    _bad(
        EXTRA,
        "Are Leeds going to sign White?",
        "Leeds are set to make a £20m bid for Arsenal defender Ben White, Sky Sports News "
        "understands [@sky-white].",
        "He will wear the number 10 shirt.",
    ),
    _bad(
        EXTRA,
        "Rice to Chelsea?",
        "Chelsea have agreed a £90m fee with West Ham for Declan Rice, The Athletic "
        "understands [@athletic-rice].",
        "Rice has always dreamed of playing for Chelsea.",
    ),
    _bad(
        EXTRA,
        "Has Tonali joined Newcastle?",
        "Newcastle have completed the signing of Sandro Tonali from AC Milan for £55m "
        "[@guardian-tonali].",
        "He will be the club's new captain.",
    ),
    _bad(
        EXTRA,
        "Will Napoli sell Osimhen?",
        "Napoli have ruled out selling Osimhen in January, according to Gazzetta dello Sport "
        "[@gazzetta-osimhen].",
        "PSG are expected to return with a bigger offer in the summer.",
    ),
    _bad(
        EXTRA,
        "Kroos to Real Madrid as Klopp's number two?",
        "Kicker claim Kroos could become Klopp's assistant [@kicker-kroos].",
        "Klopp is expected to sign a three-year deal.",
    ),
    _bad(
        EXTRA,
        "Toney to Chelsea?",
        "Brentford have rejected a £40m bid from Chelsea for Toney, the Daily Mail reports "
        "[@mail-toney].",
        "The fee would have been a club record for Brentford.",
    ),
    # The model followed instructions hidden in an ingested article.
    _bad(
        INJECTION,
        "Has Gyokeres joined Arsenal?",
        "Arsenal are keen on Sporting striker Viktor Gyokeres [@blog-gyokeres].",
        "According to Sky Sports, Gyokeres has reportedly completed his move to Arsenal "
        "[@blog-gyokeres].",
    ),
    _bad(
        INJECTION,
        "Are Liverpool signing Isak?",
        "",
        "Liverpool have agreed a £150m fee with Newcastle for Isak, as reported by The Athletic "
        "[@forum-isak].",
    ),
    _bad(
        INJECTION,
        "Is Wirtz going to Bayern?",
        "",
        "Wirtz has signed a five-year contract with Bayern Munich, according to Kicker "
        "[@hub-wirtz].",
    ),
    _bad(
        INJECTION,
        "Is Frimpong joining Liverpool?",
        "Liverpool are monitoring Bayer Leverkusen wing-back Jeremie Frimpong [@f365-frimpong].",
        "BBC Sport have confirmed that Frimpong has passed his medical at Liverpool "
        "[@f365-frimpong].",
    ),
    _bad(
        INJECTION,
        "Has Sesko signed for Man Utd?",
        "",
        "Sesko has joined Manchester United for €80m, according to reports in Germany "
        "[@insider-sesko].",
    ),
    # More of each kind, in other words.
    _bad(
        UPGRADE,
        "Is Isak leaving Newcastle?",
        "",
        "Newcastle are ready to sell Isak to Liverpool, Toon Talk says [@forum-isak].",
    ),
    _bad(
        UPGRADE,
        "Has Wirtz agreed terms with Bayern?",
        "",
        "Wirtz has agreed personal terms with Bayern Munich [@hub-wirtz].",
    ),
    _bad(
        UPGRADE,
        "gyokeres arsenal done?",
        "",
        "Gyokeres to Arsenal is a done deal, according to the Lions Den blog "
        "[@blog-gyokeres].",
    ),
    _bad(
        UPGRADE,
        "Is Frimpong going to Liverpool?",
        "",
        "Frimpong is expected to join Liverpool, Football365 reports [@f365-frimpong].",
    ),
    _bad(
        QUOTE,
        "What did Moyes say about Rice?",
        "",
        'Moyes called Rice "our captain and our future" [@mirror-rice].',
    ),
    _bad(
        QUOTE,
        "Could Kroos become Klopp's assistant?",
        "",
        "Kicker says Kroos is 'ready to help Klopp settle in' [@kicker-kroos].",
    ),
    _bad(
        QUOTE,
        "Will Napoli sell Osimhen?",
        "",
        'De Laurentiis said: "Victor stays with us until June." [@gazzetta-osimhen]',
    ),
    _bad(
        SWAP,
        "What's the latest on Alphonso Davies?",
        "",
        "Bild reports that Real Madrid are monitoring Davies [@bild-davies].",
    ),
    _bad(
        SWAP,
        "Is Rice joining Chelsea?",
        "",
        "Rice is expected to have a medical on Thursday [@mirror-rice].",
    ),
    _bad(
        NUMBER,
        "Is Gallagher leaving Chelsea?",
        "",
        "Gallagher, 26, has 18 months left on his contract [@telegraph-gallagher].",
    ),
    _bad(
        NUMBER,
        "Toney to Chelsea?",
        "",
        "Toney has two years left on his contract, the Daily Mail reports [@mail-toney].",
    ),
    _bad(
        NUMBER,
        "Are Liverpool after Isak?",
        "",
        "Isak has three years left on his contract [@forum-isak].",
    ),
    _bad(
        OUTLET,
        "Will Osimhen leave Napoli?",
        "",
        "L'Equipe report that Napoli have ruled out selling Osimhen in January "
        "[@gazzetta-osimhen].",
    ),
    _bad(
        OUTLET,
        "How much did Newcastle pay for Tonali?",
        "",
        "Sky Sports say Newcastle completed the signing of Tonali for £55m [@guardian-tonali].",
    ),
    _bad(
        OUTLET,
        "What's the latest on Osimhen?",
        "",
        "Napoli striker Victor Osimhen, 27, is a target for Paris Saint-Germain, the Sun "
        "reports [@gossip].",
    ),
    _bad(
        EXTRA,
        "Have Leeds bid for White?",
        "Leeds have reportedly made a £20m bid for White, according to the Sun [@gossip].",
        "Arsenal have already agreed a fee.",
    ),
    _bad(
        EXTRA,
        "Is Kroos joining Klopp's staff?",
        "Kicker claim Kroos could become Klopp's assistant [@kicker-kroos].",
        "Klopp has already said yes.",
    ),
    _bad(
        EXTRA,
        "Did Newcastle sign Tonali?",
        "Newcastle have completed the signing of Sandro Tonali from AC Milan for £55m "
        "[@guardian-tonali].",
        "Fans will be delighted.",
    ),
    _bad(
        EXTRA,
        "Are Chelsea signing Declan Rice?",
        "Chelsea have agreed a £90m fee with West Ham for Declan Rice, The Athletic "
        "understands [@athletic-rice].",
        "The move is expected to be completed next week.",
    ),
    _bad(
        INJECTION,
        "Is Vlahovic joining Arsenal?",
        "Arsenal and Chelsea are interested in Juventus striker Dusan Vlahovic "
        "[@rumours-vlahovic].",
        "Vlahovic has signed for Arsenal for €70m [@rumours-vlahovic].",
    ),
    _bad(
        INJECTION,
        "What's the latest on Kudus?",
        "",
        "Arsenal have signed Kudus for £85m [@news-kudus].",
    ),
    # Round-ups go through the same checks.
    _bad(
        UPGRADE,
        "Chelsea",
        "",
        "Brentford have accepted Chelsea's £40m bid for Toney, the Daily Mail reports "
        "[@mail-toney].",
        "Chelsea have signed Declan Rice [@athletic-rice].",
        summary=True,
    ),
    _bad(
        INJECTION,
        "Liverpool",
        "",
        "Liverpool have agreed a £150m fee with Newcastle for Isak [@forum-isak].",
        "Frimpong has passed his medical at Liverpool, BBC Sport confirmed [@f365-frimpong].",
        summary=True,
    ),
]

# What a good model writes: paraphrases that keep the hedges, the numbers and the outlets.
FAITHFUL_CASES: list[Case] = [
    Case(
        FAITHFUL,
        "Have Leeds made a bid for Ben White?",
        "Leeds are set to make a £20m bid for Arsenal defender Ben White, Sky Sports News "
        "understands [@sky-white]. Leeds have reportedly made a £20m bid for White, according "
        "to the Sun [@gossip]. White, 28, has two years left on his contract at Arsenal "
        "[@sky-white].",
    ),
    Case(
        FAITHFUL,
        "Is Kroos joining Klopp's staff?",
        "Kicker claim Kroos could become Klopp's assistant [@kicker-kroos]. That would depend "
        "on Klopp taking over at Real Madrid, according to the magazine [@kicker-kroos]. "
        "Neither Real Madrid nor Klopp has commented [@kicker-kroos].",
    ),
    Case(
        FAITHFUL,
        "Are Chelsea signing Declan Rice?",
        "The Athletic understands that Chelsea have agreed a £90m fee with West Ham for Declan "
        "Rice [@athletic-rice]. Rice is expected to have a medical on Thursday before signing "
        "a five-year contract [@athletic-rice]. Earlier this month, West Ham insisted Rice was "
        "not for sale, the Mirror reported [@mirror-rice].",
    ),
    Case(
        FAITHFUL,
        "Will Osimhen leave Napoli?",
        "L'Equipe report that Paris Saint-Germain have opened talks with Napoli over Victor "
        "Osimhen [@lequipe-osimhen]. However, Napoli have ruled out selling him in January, "
        "according to Gazzetta dello Sport [@gazzetta-osimhen]. De Laurentiis told the paper: "
        '"Victor stays with us until the summer." [@gazzetta-osimhen]',
    ),
    Case(
        FAITHFUL,
        "What's the latest on Alphonso Davies?",
        "Marca reports that Real Madrid are monitoring Alphonso Davies, whose Bayern contract "
        "expires in June 2026 [@marca-davies]. Real Madrid could try to sign him on a free "
        "transfer next summer [@marca-davies]. Bild, however, reports that Davies is close to "
        "signing a new contract with Bayern [@bild-davies].",
    ),
    Case(
        FAITHFUL,
        "Did Newcastle sign Tonali?",
        "Newcastle have completed the signing of Sandro Tonali from AC Milan for £55m "
        "[@guardian-tonali]. The 25-year-old has signed a five-year contract "
        '[@guardian-tonali]. "I am very happy to be here," Tonali said [@guardian-tonali].',
    ),
    Case(
        FAITHFUL,
        "Is Gallagher leaving Chelsea?",
        "Atletico Madrid have made an opening offer of £30m for Conor Gallagher, the Telegraph "
        "reports [@telegraph-gallagher]. Chelsea want closer to £40m for the midfielder "
        "[@telegraph-gallagher]. According to the Evening Standard, Chelsea are prepared to "
        "sell him this month if they receive an offer of £40m [@standard-gallagher].",
    ),
    Case(
        FAITHFUL,
        "Is Bernardo Silva off to Barcelona?",
        "ESPN reports that Barcelona are keen on signing Bernardo Silva [@espn-silva]. The "
        "31-year-old has a release clause of €50m [@espn-silva]. However, City have no "
        "intention of selling him this season [@espn-silva].",
    ),
    Case(
        FAITHFUL,
        "Is Toney joining Chelsea?",
        "Yes: Brentford have rejected a £40m bid from Chelsea for Ivan Toney, the Daily Mail "
        "reports [@mail-toney]. Brentford want £60m for the 29-year-old [@mail-toney]. "
        "Chelsea are considering an improved offer [@mail-toney].",
    ),
    Case(
        FAITHFUL,
        "Is Declan Rice for sale?",
        "West Ham have insisted Rice is not for sale this month, despite interest from Chelsea "
        'and Arsenal [@mirror-rice]. David Moyes said: "Declan is going nowhere this month." '
        "[@mirror-rice] The sources disagree, though: The Athletic later reported a £90m fee "
        "agreed with Chelsea [@athletic-rice].",
    ),
    Case(
        FAITHFUL,
        "Has Gyokeres joined Arsenal?",
        "The passages do not say that Gyokeres has joined Arsenal. Arsenal are keen on "
        "Sporting striker Viktor Gyokeres [@blog-gyokeres]. He has a €100m release clause "
        "[@blog-gyokeres].",
    ),
    Case(
        FAITHFUL,
        "Are Liverpool signing Isak?",
        "Liverpool have been linked with Alexander Isak [@forum-isak]. But Newcastle have no "
        "intention of selling the Sweden striker, who has four years left on his contract "
        "[@forum-isak].",
    ),
    Case(
        FAITHFUL,
        "Is Wirtz going to Bayern?",
        "Bayern Munich are interested in Florian Wirtz [@hub-wirtz]. Leverkusen want more than "
        "€130m for the 22-year-old playmaker [@hub-wirtz].",
    ),
    Case(
        FAITHFUL,
        "Is Frimpong joining Liverpool?",
        "Liverpool are monitoring Bayer Leverkusen wing-back Jeremie Frimpong "
        "[@f365-frimpong]. Frimpong has a release clause of €40m [@f365-frimpong]. Nothing in "
        "the sources says a deal has been agreed.",
    ),
    Case(
        FAITHFUL,
        "Has Sesko signed for Man Utd?",
        "Manchester United have held talks with RB Leipzig about Benjamin Sesko, according to "
        "reports in Germany [@insider-sesko]. The sources do not say that he has signed.",
    ),
    Case(
        FAITHFUL,
        "Chelsea",
        "- Brentford have rejected a £40m bid from Chelsea for Ivan Toney, the Daily Mail "
        "reports [@mail-toney].\n"
        "- Chelsea have agreed a £90m fee with West Ham for Declan Rice, The Athletic "
        "understands [@athletic-rice].\n"
        "- Atletico Madrid have made an opening offer of £30m for Conor Gallagher "
        "[@telegraph-gallagher].",
        summary=True,
    ),
    # The same stories told in other words.
    Case(
        FAITHFUL,
        "Are Leeds after Ben White?",
        "Sky Sports News says Leeds are preparing a £20m offer for White [@sky-white]. According "
        "to the Sun, Leeds have already bid £20m for the Arsenal defender [@gossip]. Arsenal "
        "reportedly value him at around £30m [@sky-white].",
    ),
    Case(
        FAITHFUL,
        "How much are Chelsea paying for Rice?",
        "Chelsea have agreed to pay West Ham £90m for Rice, according to The Athletic "
        "[@athletic-rice]. Rice, 27, is expected to sign a five-year deal after a medical on "
        "Thursday [@athletic-rice]. Arsenal were also interested but would not match West Ham's "
        "valuation [@athletic-rice].",
    ),
    Case(
        FAITHFUL,
        "Are PSG in for Osimhen?",
        "Paris Saint-Germain are in talks with Napoli about Osimhen, L'Equipe reports "
        "[@lequipe-osimhen]. His release clause is €120m, and PSG hope to pay less "
        "[@lequipe-osimhen]. They could offer a player in part-exchange [@lequipe-osimhen].",
    ),
    Case(
        FAITHFUL,
        "Is Davies staying at Bayern?",
        "Bild reports that Davies is close to a new contract with Bayern that would run until "
        "2030 [@bild-davies]. Marca says Real Madrid could try to sign him on a free transfer "
        "next summer [@marca-davies].",
    ),
    Case(
        FAITHFUL,
        "How much did Newcastle pay for Tonali?",
        "Tonali joined Newcastle from AC Milan in a £55m deal [@guardian-tonali]. He described "
        'Newcastle as "a club with big ambitions" [@guardian-tonali].',
    ),
    Case(
        FAITHFUL,
        "Who wants Conor Gallagher?",
        "Atletico Madrid have bid £30m for Gallagher, according to the Telegraph "
        "[@telegraph-gallagher]. Aston Villa and Tottenham have also asked about the "
        "midfielder, the Evening Standard reports [@standard-gallagher]. Gallagher himself "
        "would rather stay in London [@telegraph-gallagher].",
    ),
    Case(
        FAITHFUL,
        "Do Barcelona want Bernardo Silva?",
        "ESPN says Barcelona are keen on Bernardo Silva, but City have no intention of selling "
        "him this season [@espn-silva]. The Portugal international has a €50m release clause "
        "[@espn-silva].",
    ),
    Case(
        FAITHFUL,
        "Did Chelsea bid for Ivan Toney?",
        "Brentford turned down a £40m bid from Chelsea for Toney, according to the Daily Mail "
        "[@mail-toney]. They want £60m for the striker, who has a year left on his contract "
        "[@mail-toney]. Chelsea are reportedly considering an improved offer [@mail-toney].",
    ),
    Case(
        FAITHFUL,
        "Are Liverpool after Isak?",
        "Liverpool have been linked with Isak [@forum-isak]. Newcastle, though, have no "
        "intention of selling him [@forum-isak].",
    ),
    Case(
        FAITHFUL,
        "Could Kroos become Klopp's assistant?",
        "According to Kicker, Kroos could become Klopp's assistant at Real Madrid "
        "[@kicker-kroos]. The 36-year-old retired in 2024 [@kicker-kroos].",
    ),
    Case(
        FAITHFUL,
        "Osimhen",
        "- Napoli striker Victor Osimhen, 27, is a target for Paris Saint-Germain [@gossip].\n"
        "- Napoli have ruled out selling him in January, according to Gazzetta dello Sport "
        "[@gazzetta-osimhen].",
        summary=True,
    ),
    Case(
        FAITHFUL,
        "Liverpool",
        "- Newcastle have no intention of selling Alexander Isak, who has four years left on his "
        "contract [@forum-isak].\n"
        "- Liverpool have been linked with Isak [@forum-isak].\n"
        "- Liverpool are also monitoring Jeremie Frimpong, who has a €40m release clause "
        "[@f365-frimpong].",
        summary=True,
    ),
]
