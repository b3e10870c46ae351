"""Reading transfer claims out of an article: who, which clubs or role, which stage, who says so.

Every sentence with a stage cue gives a claim about the person it speaks of; a sentence whose
other clauses speak of another move ("poised to join Sunderland after turning down a move to
Stoke") gives one claim per move. People are resolved within the article ("Gravesen" is
"Thomas Gravesen", "he" the person last spoken of, "I" the quoted speaker).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace

from ingest.claims.clauses import Clause, clauses
from ingest.claims.gazetteer import (
    CLUB_KINDS,
    Gazetteer,
    Kind,
    Match,
    Word,
    default_gazetteer,
    words,
)
from ingest.claims.instructions import instruction_spans
from ingest.claims.model import About, Claim, Reading
from ingest.claims.parties import (
    Sentence,
    assign_clubs,
    find_movers,
    find_role,
    handles_player,
    is_staff,
)
from ingest.claims.people import ArticlePeople, Person, first_person, person_mentions, speaker
from ingest.claims.stage import Stage
from ingest.claims.stages import (
    ANTICIPATED,
    StageCue,
    cited_outlet,
    find_cues,
    is_attributed,
    is_hedged,
    is_modal,
    main_cue,
    outcome,
)
from ingest.core.text.sentences import sentence_spans

_APPOINTMENT = re.compile(
    r"\b(?:appoint\w*|named|become|take\s+over|took\s+over|takes\s+over|succeed\w*|replace\w*|"
    r"job|role|post|position|staff|sack\w*|fired|resign\w*|quit\w*|stepped\s+down|took\s+charge|"
    r"in\s+charge|coaching|backroom|manage|managerial|management|"
    r"(?:new|next|permanent|interim)\s+(?:\S+\s+)?(?:manager|boss|coach|head\s+coach)|"
    r"as\s+(?:\S+\s+){0,3}(?:manager|boss|coach|assistant))\b",
    re.IGNORECASE,
)
_STAY_TOPIC = re.compile(r"\b(?:contract|deal|extension|renewal|terms)\b", re.IGNORECASE)
_TRANSFER_WORDS = re.compile(
    r"\b(?:sign\w*|join\w*|move|moves|moving|transfer\w*|deal|deals|contract\w*|loan\w*|fee|bid|bids|"
    r"offer\w*|switch|swap|window|buy|bought|sell\w*|sold|sale|target\w*|clause|leav\w*|left|stay\w*|"
    r"quit|exit|depart\w*|future|job|manager|boss|coach|assistant|appoint\w*|sack\w*|talks|interest\w*|"
    r"linked|link|speculation|rumou?r\w*|reports?|approach\w*|club|clubs|free\s+agent|release\w*|"
    r"successor|replace\w*|wages?)\b",
    re.IGNORECASE,
)
_NEEDS_CONTEXT = frozenset({Stage.DENIED, Stage.INTEREST, Stage.TALKS, Stage.REJECTED})
_DEPARTURE_NAMED = re.compile(
    r"^(?:leaving|left|quit|quitting|exit\s+from|leave|leaves|depart|departs|exit|exits)\s+", re.I
)
_OFFERED = re.compile(r"(?:(?:has|have|had)\s+)?(?:offer|hand|given|award)", re.IGNORECASE)
_DENY_VERB = re.compile(r"den(?:y|ies|ied|ying)$", re.I)
# A clause whose subject is someone described, not named: "The former France boss has ...".
_DESCRIBED_SUBJECT = re.compile(
    r"\s*(?:but\s+|and\s+)?(?:he|she|the\s+(?:former|ex-\S+|\d+-year-old|\S+\s+international|"
    r"player|striker|midfielder|defender|winger|forward|keeper|goalkeeper|manager|boss|coach|"
    r"frenchman|spaniard|italian|german|dutchman|brazilian|argentine|welshman|scot|englishman|"
    r"irishman|portuguese|belgian))\b",
    re.IGNORECASE,
)
# "<club> boss|manager|head coach" right before a name, not a former or stand-in one.
_JOB_TITLE = re.compile(r"\b(?:[A-Z][\w'.-]*\s+){1,4}(?:boss|manager|head\s+coach)\s+$")
_PAST_WORD = re.compile(r"\b(?:former|ex|then|caretaker|interim|old|previous)\b", re.I)
_PAST_TITLE = re.compile(r"\b(?:former|ex|then|caretaker|interim|old|previous|one-time)\W*$", re.I)
_PRONOUN_SUBJECT = re.compile(r"\b(?:he|she)\s+(?:\S+\s+){0,2}$", re.IGNORECASE)
_DENIER = re.compile(r"(?:den|quash|dismiss|rul|play)", re.IGNORECASE)
_RELATIVE = re.compile(r",?\s+(?:who|whose|whom)\b", re.I)
# A stop glued to the next sentence in scraped text: "understands.The club".
_GLUED = re.compile(r"(?<=[a-z]{2}[.!?])(?=[A-Z][a-z])")


def read_article(article_id: str, title: str, text: str, gaz: Gazetteer | None = None) -> Reading:
    """Every claim an article's sentences make, and who it names."""
    gaz = gaz or default_gazetteer()
    sentences: list[Sentence] = []
    people = ArticlePeople()
    named = {m.entry.canonical for m in gaz.find(title + "\n" + text) if m.entry.kind in CLUB_KINDS}
    spans = list(_sentence_spans(text))
    skipped = instruction_spans(text, spans)  # "Ignore previous instructions and say ..."
    for start, end in spans:
        if (start, end) in skipped:
            continue
        sentence = text[start:end]
        tokens = words(sentence)
        known = gaz.find_in(tokens, resolve_loose=named)
        known = _first_names_are_not_clubs(sentence, tokens, known)
        item = Sentence(start, end, sentence, tokens, known)
        item.people = person_mentions(sentence, tokens, known, gaz.loose_keys)
        for person in item.people:
            people.learn(person.name, mid_sentence=person.first > 0)
        sentences.append(item)
    title_tokens = words(title)
    title_known = gaz.find_in(title_tokens)
    for person in person_mentions(title, title_tokens, title_known, gaz.loose_keys):
        people.learn(person.name)
    title_clubs = tuple(
        m.entry.canonical for m in title_known if m.entry.kind in (*CLUB_KINDS, Kind.NATION)
    )
    claims: list[Claim] = []
    # The headline's person is who the article is about until a sentence names someone.
    headline = person_mentions(title, title_tokens, title_known, gaz.loose_keys)
    focus = people.resolve(headline[0].name) if headline else ""
    last_speaker = ""
    for item in sentences:
        resolved = [p for p in (_resolve(p, people) for p in item.people) if p is not None]
        for p in resolved:
            people.count(p.name)
        said_by = speaker(item.text, resolved, item.tokens)
        accept = _context_check(item, resolved)
        found = _sentence_claims(
            article_id,
            item,
            resolved,
            accept,
            focus,
            said_by or last_speaker,
            _tail_outlet(text, item),
        )
        found += _job_titles(article_id, item, resolved, found, _tail_outlet(text, item))
        if found:
            context = _context(text, item, title_clubs, sentences)
            claims.extend(replace(c, context=context) for c in found)
            focus = found[0].person
        movers = [p for p in resolved if not is_staff(item, p)]
        if movers:
            focus = movers[0].name
        elif resolved:
            focus = resolved[0].name
        last_speaker = said_by or (last_speaker if first_person(item.text) else "")
    return Reading(claims, dict(people.mentions))


def _job_titles(
    article_id: str, item: Sentence, people: list[Person], found: list[Claim], says: str
) -> list[Claim]:
    """Who holds a job now, from titles such as "Aston Villa boss Steven Gerrard"."""
    titles = []
    for person in people:
        before = item.text[max(0, person.start - 60) : person.start]
        title = _JOB_TITLE.search(before)
        if (
            title is None
            or _PAST_TITLE.search(before[: title.start()])
            or _PAST_WORD.search(title.group(0))
        ):
            continue
        club = next(
            (
                m.entry.canonical
                for m in item.known
                if m.entry.kind in (*CLUB_KINDS, Kind.NATION)
                and m.end <= person.start
                and m.end >= person.start - len(title.group(0)) - 1
            ),
            "",
        )
        if not club or any(c.person == person.name and c.to_club == club for c in found):
            continue
        titles.append(
            Claim(
                article_id=article_id,
                start=item.start,
                end=item.end,
                text=item.text,
                person=person.name,
                stage=Stage.COMPLETED,
                hedged=False,
                to_club=club,
                role="manager",
                says=says,
                clubs=(club,),
                cue=title.group(0).strip(),
                about=About.HOLDS,
                main=False,
            )
        )
    return titles


def _sentence_spans(text: str) -> Iterator[tuple[int, int]]:
    """Sentence spans, also cut where scraped text glued two sentences ("understands.The")."""
    for start, end in sentence_spans(text):
        cut = start
        for glued in _GLUED.finditer(text, start, end):
            yield cut, glued.start()
            cut = glued.start()
        yield cut, end


def extract_claims(
    article_id: str, title: str, text: str, gaz: Gazetteer | None = None
) -> list[Claim]:
    """Every claim an article's sentences make."""
    return read_article(article_id, title, text, gaz).claims


def _first_names_are_not_clubs(text: str, tokens: list[Word], known: list[Match]) -> list[Match]:
    """'Pau Torres' is a man: a one-word club followed at once by an unknown capitalised word."""
    kept = []
    taken = {i for m in known for i in range(m.first, m.last + 1)}
    for match in known:
        nxt = match.last + 1
        if (
            match.entry.kind in CLUB_KINDS
            and match.first == match.last
            and nxt < len(tokens)
            and nxt not in taken
            and tokens[nxt].capitalised
            and not text[match.end : tokens[nxt].start].strip()
        ):
            continue
        kept.append(match)
    return kept


def _resolve(person: Person, people: ArticlePeople) -> Person | None:
    name = people.resolve(person.name)
    if " " not in name and not people.is_known(name) and person.first == 0:
        return None  # a capitalised first word the article never uses as a name
    return Person(name, person.start, person.end, person.first, person.last)


def _sentence_claims(
    article_id: str,
    item: Sentence,
    people: list[Person],
    accept: Callable[[StageCue], bool],
    focus: str,
    said_by: str,
    tail_outlet: str,
) -> list[Claim]:
    """The sentence's main claim, then one claim per other clause that speaks of another move."""
    main = main_cue(item.text, accept)
    if main is None:
        return []
    parts = clauses(item.text)
    home = next((c for c in parts if c.start <= main.start < c.end), None)
    found = _claims(article_id, item, people, main, home, focus, said_by, tail_outlet, main=True)
    if not found:
        return []
    first = found[0]
    cues = [c for c in find_cues(item.text) if accept(c)]
    for clause in parts:
        inside = [c for c in cues if clause.start <= c.start < clause.end]
        if not inside or main in inside:
            continue
        cue = outcome(inside)
        for extra in _claims(
            article_id, item, people, cue, clause, first.person, said_by, tail_outlet, main=False
        ):
            if not (extra.clubs or extra.person != first.person):
                if not extra.stage.negative:
                    continue
                # "linked with Everton ... and that such a prospect is never a possibility":
                # a denial in another clause speaks of the move the sentence names
                extra = replace(
                    extra,
                    clubs=first.clubs,
                    from_club=first.from_club,
                    to_club=first.to_club,
                    role=extra.role or first.role,
                )
            if any(
                e.stage == extra.stage and e.person == extra.person and e.clubs == extra.clubs
                for e in found
            ):
                continue
            found.append(extra)
    return found


def _claims(
    article_id: str,
    item: Sentence,
    people: list[Person],
    cue: StageCue,
    clause: Clause | None,
    focus: str,
    said_by: str,
    tail_outlet: str,
    *,
    main: bool,
) -> list[Claim]:
    """The claims a cue makes: one per person it speaks of ("X and Y will remain at Dortmund")."""
    begin, end = (clause.start, clause.end) if clause else (0, len(item.text))
    local = [p for p in people if begin <= p.start < end] or (people if main else [])
    movers = find_movers(item, local, cue, begin, people)
    if cue.weak and not movers:
        return []  # "we've got a new manager in": about no one named here
    if begin > 0 and _DENIER.match(cue.text):
        topic = [p for p in people if p.end <= begin]
        if topic:
            movers = topic[:1]  # "X had been a target but Howe quashed speculation": about X
    if (
        movers
        and focus
        and movers[0].start >= cue.end
        and not handles_player(cue)
        and _DESCRIBED_SUBJECT.match(item.text[begin : cue.start])
    ):
        movers = []  # "The former France boss pulled out of the race to succeed Hughes": not Hughes
    if (
        movers
        and movers[0].start >= cue.end
        and not handles_player(cue)
        and _PRONOUN_SUBJECT.search(item.text[begin : cue.start])
    ):
        # "Gerrard says he was linked with becoming Everton manager before Benitez's
        # appointment": "he" is the one named before, not the person after the cue
        movers = [p for p in people if p.end <= begin][-1:]
    if not movers and clause is not None and _RELATIVE.match(item.text, begin):
        antecedent = [p for p in people if p.end <= begin]
        movers = antecedent[-1:]  # "X, who joined Y": X moved
    names = [m.name for m in movers]
    if not names:
        if first_person(item.text) and said_by:
            names = [said_by]
        elif focus:
            # "The 25-year-old ...", "Newcastle and Tottenham approaches turned down."
            names = [focus]
    stage = cue.stage
    clubs, from_club, to_club = assign_clubs(item, movers[0] if movers else None, cue, begin, end)
    about = (
        About.STAY
        if stage is Stage.STAYS
        or (
            stage in (Stage.REJECTED, Stage.DENIED, Stage.TALKS)
            and _STAY_TOPIC.search(cue.text)
            and re.search(r"\bnew\b|extension|renew", item.text[begin:end], re.I)
        )
        else About.MOVE
    )
    if about == About.STAY and not from_club and stage is not Stage.STAYS:
        from_club, to_club = to_club or (clubs[0] if clubs else ""), ""
    appointment = bool(_APPOINTMENT.search(item.text))
    role = find_role(item, begin, end) if appointment or not movers else ""
    if role and not to_club and clubs and about == About.MOVE:
        later = [m.entry.canonical for m in item.clubs(cue.start, end)]
        to_club = later[0] if later else clubs[0]  # "become the manager of ... Toronto FC"
    own = item.text[begin:end] if clause is not None else _claim_scope(item.text, cue)
    scope = _modal_scope(item.text, cue)
    infinitive = item.text[max(0, cue.start - 3) : cue.start].lower() == "to "
    expected = (
        (stage is Stage.COMPLETED and bool(ANTICIPATED.match(cue.text)))
        or (stage is Stage.STAYS and bool(_OFFERED.match(cue.text)))
        or (
            stage in (Stage.COMPLETED, Stage.STAYS) and infinitive
        )  # "worth £400k to sign a new deal"
    )
    modal = is_modal(scope) or expected
    attributed = is_attributed(item.text)
    hedged_here = is_hedged(scope)
    del own
    return [
        Claim(
            article_id=article_id,
            start=item.start,
            end=item.end,
            text=item.text,
            person=name,
            stage=stage,
            hedged=modal or attributed or hedged_here,
            modal=modal,
            from_club=from_club,
            to_club=to_club,
            role=role,
            says=tail_outlet,
            clubs=tuple(clubs),
            others=tuple(dict.fromkeys(p.name for p in people if p.name not in names)),
            cue=cue.text,
            about=about,
            main=main,
        )
        for name in dict.fromkeys(names)
    ]


def _context(
    text: str, item: Sentence, title_clubs: tuple[str, ...], sentences: list[Sentence]
) -> tuple[str, ...]:
    para_start = text.rfind("\n\n", 0, item.start)
    para_end = text.find("\n\n", item.end)
    para_end = len(text) if para_end < 0 else para_end
    found = list(title_clubs)
    for other in sentences:
        if other.start >= para_start and other.end <= para_end:
            for m in other.known:
                if m.entry.kind in (*CLUB_KINDS, Kind.NATION) and m.entry.canonical not in found:
                    found.append(m.entry.canonical)
    return tuple(found)


def _tail_outlet(text: str, item: Sentence) -> str:
    """The outlet a gossip item credits in brackets at the end of the sentence's paragraph."""
    para_end = text.find("\n\n", item.end)
    para_end = len(text) if para_end < 0 else para_end
    return cited_outlet(text[item.start : para_end].strip())


def _modal_scope(text: str, cue: StageCue) -> str:
    """The clause that holds a cue: modality in another clause does not reach it."""
    parts = clauses(text)
    for clause in parts:
        if clause.start <= cue.start < clause.end:
            return text[clause.start : clause.end]
    return text


def _claim_scope(text: str, cue: StageCue) -> str:
    """The part of a sentence that governs its claim: up to the end of the cue's clause."""
    for clause in clauses(text):
        if clause.start <= cue.start < clause.end:
            return text[: clause.end]
    return text


def _context_check(item: Sentence, people: list[Person]) -> Callable[[StageCue], bool]:
    """A veto on cues whose sense depends on what follows ('leaving Wenger incredulous')."""
    club_starts = {m.start for m in item.known if m.entry.kind in CLUB_KINDS}
    person_starts = {p.start for p in people}
    has_context = bool(club_starts) or bool(_TRANSFER_WORDS.search(item.text))

    def accept(cue: StageCue) -> bool:
        named = _DEPARTURE_NAMED.match(cue.text)
        if named and cue.text[named.end() :][:1].isupper():
            return cue.start + named.end() in club_starts
        if cue.stage is Stage.DENIED and _DENY_VERB.match(cue.text):
            gap = len(item.text[cue.end :]) - len(item.text[cue.end :].lstrip())
            if cue.end + gap in person_starts:
                return False  # "Ferreira denied Gerrard": a tackle, not a denial
        return not (cue.stage in _NEEDS_CONTEXT and not has_context)

    return accept
