"""The words that signal each stage, hedging and attribution in English football prose.

Each family is a whitespace-separated list of regular expressions (spaces inside a pattern are
written `\\s+`; `<W>` is any one word, `<NEG>` a negator, `<DEAL>` a deal noun, `<MOVE>` a move
verb). A pattern must end where a word ends, so plurals are spelt out.
"""

from __future__ import annotations

import re

from ingest.claims.stage import Stage

_NEG = r"(?:not|n't|never|no\s+longer)"
_W = r"(?:\S+\s+)"  # any one word and its space
_DEAL = r"(?:move|transfer|deal|switch|signing|loan|bid|offer|approach|talks|negotiations|pursuit|interest|proposal|contract|terms)"
_MOVE_VERB = r"(?:join|sign|move|leave|return|switch|become|go|head|rejoin|replace|succeed|take\s+over|link\s+up|reunite|swap|depart|quit|choose)"


def _alts(block: str) -> list[str]:
    return (
        block.replace("<NEG>", _NEG)
        .replace("<W>", _W)
        .replace("<DEAL>", _DEAL)
        .replace("<MOVE>", _MOVE_VERB)
        .split()
    )


# Cues, by the stage they assert. A pattern must end on a word's end (plurals spelt out).
_CUES: dict[Stage, list[str]] = {
    Stage.STAYS: _alts(r"""
    committed\s+to\s+(?:the|his|their)\s+club
    (?:totally|fully|firmly|100%)\s+committed
    (?:(?:has|have|had)\s+)?hand\w*\s+<W>{0,4}?(?:\S+\s+)?(?:extension|renewal|new\s+(?:\S+\s+)?(?:contract|deal))
    (?:(?:has|have|had)\s+)?(?:sign|signed|signs|signing|agree[ds]?|agreeing|pen\w*|ink\w*|offer\w*|accept\w*|hand\w*|given|receive\w*|award\w*)\s+<W>{0,4}?new\s+<W>{0,3}?(?:contract|deal|terms|terms)
    (?:(?:has|have|had)\s+)?(?:sign|signed|signs|signing|agree[ds]?|agreeing|pen\w*|ink\w*|offer\w*|accept\w*)\s+<W>{0,6}?(?:extension|renewal)
    new\s+<W>{0,3}?(?:contract|deal)\s+(?:at|with|until|to\s+stay|that|which|keeping|running)
    (?:contract|deal)\s+(?:extension|renewal)(?!\s+(?:talks|negotiations|discussions))
    extend(?:s|ed|ing)?\s+<W>{0,5}?(?:contract|deal|stay|spell)
    extension\s+to\s+(?:his|her|their)\s+contract
    (?:exercis\w*|trigger\w*|activat\w*|tak\w*\s+up)\s+(?:the|an|a|their|his|its)\s+<W>{0,2}?(?:extension\s+(?:clause|option)|option\s+to\s+extend)
    commit(?:s|ted|ting)?\s+(?:his|her|their|its)\s+(?:long-term\s+)?future
    not\s+for\s+sale
    (?:abandon\w*|shelv\w*|scrap\w*|drop\w*|ditch\w*)\s+<W>{0,2}?(?:plans?|hopes?|idea|thoughts?)\s+(?:to|of)\s+(?:quit|quitting|leave|leaving|move|moving|depart\w*|exit\w*)
    (?:happy|settled|content|determined|keen|wants?|intends?|plans?|wishes)\s+to\s+stay
    (?:happy|settled)\s+(?:here|at\s+the\s+club)
    (?:is|am|are|'m|'s)\s+staying
    (?:will|would)\s+stay
    to\s+stay\s+(?:at|with|put|until|for\s+(?:another|next|the)|on\s+at)
    stay(?:s|ing)?\s+(?:put|on\s+at)
    staying\s+(?:at|with)
    remain(?:s|ing)?\s+(?:at|with)(?!\s+the\s+top)
    (?:will|to|wants\s+to)\s+remain\s+(?:at|with|a)
    (?:is|are|be|'s|'m)\s+not\s+(?:\S+\s+)?leaving
    going\s+nowhere
    not\s+<W>{0,2}?danger\s+of\s+(?:losing\s+(?:his|her|their)\s+(?:job|place|post)|being\s+(?:sacked|axed|sold))
    (?:job|position|future)\s+is\s+(?:safe|secure)
    not\s+going\s+anywhere
    no\s+(?:chance|way)\s+(?:of|that)\s+<W>{0,3}?(?:going|leaving|selling|being\s+sold)
    (?:keen|want\w*|determined|plan\w*|hop\w*)\s+to\s+keep
    (?:reprieve|stay\s+of\s+execution)
    no\s+(?:\S+\s+)?intention\s+of\s+(?:selling|letting|allowing|moving|leaving)
    (?:refus\w*|reject\w*)\s+to\s+sell
    (?:won't|will\s+not|would\s+not|not\s+be|never)\s+(?:be\s+)?(?:sell|sold|let\s+\S+\s+go|leave|leaving)
    (?:do|does|did)\s*(?:not|n't)\s+(?:want|expect|intend|plan)\s+to\s+(?:leave|be\s+leaving|go(?!\s+out\s+on\s+loan)|move)
    (?:do|does|did)\s*(?:not|n't)\s+(?:want|expect|intend|plan)\s+(?:him|them|her)\s+to\s+(?:leave|go)
    not\s+<W>{0,3}?(?:thinking|think)\s+(?:about|of)\s+leaving
    hold\w*\s+on\s+to
    (?:could|may|might)\s+(?:\S+\s+)?stay(?!\s+(?:out|away|fit|on\s+his\s+feet))
    (?:not|no)\s+(?:planning|plans?)\s+to\s+(?:remove|sack|sell|replace|axe|let\s+\S+\s+go)
    (?:looking\s+for|seeking|wants?|hoping\s+for|offered|in\s+line\s+for)\s+a\s+new\s+<W>{0,2}?(?:deal|contract)
"""),
    Stage.DENIED: _alts(r"""
    (?<!confirm\sor\s)(?<!confirm\snor\s)den(?:y|ies|ied|ying)(?!\s+the\s+<W>{0,2}?(?:striker|forward|winger|midfielder|defender|keeper|goalkeeper|captain)(?!\s+(?:was|is|had|has|would|will|could)))(?!\s+(?:him|her|them|his|their|the\s+(?:visitors|hosts|home|away)|a\s+(?:goal|winner|penalty|point|win)|any\s+(?:goal|chance)))
    denials?
    rul(?:e|es|ed|ing)\s+(?:\S+\s+)?out
    dismiss(?:es|ed|ing)?\s+<W>{0,2}?(?:reports?|speculation|talk|rumou?rs?|suggestions?|claims?|links?|interest|idea)
    quash(?:es|ed|ing)?\s+<W>{0,2}?(?:speculation|rumou?rs?|talk|reports?)
    play(?:s|ed|ing)?\s+down\s+<W>{0,2}?(?:speculation|rumou?rs?|talk|reports?|links?|suggestions?)
    no\s+truth
    nonsense
    rubbish
    not\s+true
    (?:is|are|was|were)\s+(?:not|never)\s+(?:really\s+)?an?\s+(?:option|possibility)
    not\s+interested\s+in\s+(?:signing|being|a\s+move|joining|leaving|selling|managing|coaching)
    no\s+(?:\S+\s+)?(?:intention|plans?|interest|contact|approach|offer|bid|talks|enquiry|desire)\s+(?:to|of|in|for|from|with|has|have|had|yet)
    there(?:'s|\s+has|\s+have|\s+had)\s+been\s+no
    <NEG>\s+(?:currently\s+)?in\s+(?:talks|discussions?|negotiations?|contention)
    (?:do|does|did)\s*(?:not|n't)\s+(?:want|expect|intend|plan)\s+(?:him\s+|them\s+)?to\s+(?:sign|join|sell|buy|bring|return|make)
    (?:do|does|did)\s*(?:not|n't)\s+(?:think|feel|see|believe)\s+<W>{0,6}?(?:leav\w*|sign\w*|join\w*|sell\w*|going|mov\w*|bring\w*|buy\w*|necessary)
    (?:has|have|had|did|will|would)\s*<NEG>\s+(?:be\s+)?(?:sign(?!\s+<W>{0,2}?new\s)|signed|signing|join|joined|joining|agreed|bid|bidding)
    (?:won't|never)\s+(?:sign|join)
    <NEG>\s+(?:planning|looking)\s+(?:on|to)\s+(?:sign|sell|buy|bring|leave)
    <NEG>\s+(?:be\s+)?(?:signing|joining|moving|bidding)
"""),
    Stage.REJECTED: _alts(r"""
    (?:(?:has|have|had|saw|sees)\s+(?:a|an|their|his|its|two|three|several|another)?\s*<W>{0,3}?)?(?:bid|offer|approach|proposal|advance|overture|request|move)s?\s+<W>{0,8}?(?:rejected|turned\s+down|snubbed|rebuffed|knocked\s+back|refused|dismissed)
    reject(?:s|ed|ing)?\s+<W>{0,6}?(?:bid|offer|approach|proposal|advance|overture|move|deal|contract|term|chance|switch|transfer|request|invitation|job|interest)s?
    turn(?:s|ed|ing)?\s+down\s+<W>{0,6}?(?:bid|offer|approach|proposal|move|deal|contract|term|chance|switch|transfer|job|invitation|post|role)s?
    turn(?:s|ed|ing)?\s+(?:them|him|us|it|her)\s+down
    turn(?:s|ed|ing)?\s+down\s+(?-i:[A-Z])[\w'-]*
    snub(?:s|bed|bing)?
    rebuff(?:s|ed|ing)?
    knock(?:s|ed)?\s+back
    (?:turned\s+down|rejected|snubbed)\s+by
    refus(?:e|es|ed|ing)\s+(?:a|an|the|their|his)\s+<W>{0,2}?(?:bid|offer|approach|move|proposal|contract)s?
    said\s+no\s+to
    block(?:s|ed|ing)?\s+<W>{0,3}?(?:move|exit|transfer|departure|switch|sale)
    dismissed\s+(?:a|an|the)\s+<W>{0,2}?(?:move|bid|offer|approach)
"""),
    Stage.COLLAPSED: _alts(r"""
    <DEAL>s?\s+<W>{0,9}?(?:collapsed|collapse|broke\s+down|broken\s+down|fell\s+through|falls?\s+through|is\s+off|are\s+off|was\s+off|is\s+dead|off\s+the\s+table|come\s+to\s+an\s+end|came\s+to\s+an\s+end|ended)
    pull(?:s|ed|ing)?\s+out\s+of\s+(?:the\s+)?(?:race|deal|move|talks|negotiations|transfer|running|bidding|pursuit|a\s+(?:move|deal))
    walk(?:s|ed)?\s+away\s+from
    call(?:s|ed|ing)?\s+off\s+<W>{0,2}?(?:move|pursuit|talks|interest|plans?|deal|bid|negotiations|approach)
    fail(?:s|ed)?\s+(?:a|his|her|the)\s+medical
    end(?:s|ed)?\s+(?:their|his|its)\s+(?:interest|pursuit)
    abandon(?:s|ed|ing)?\s+<W>{0,2}?(?:interest|pursuit|move|plans?|attempts?|bid|talks)
    cool(?:s|ed)?\s+(?:their|its|his)?\s*interest
    miss(?:es|ed|ing)?\s+out\s+on\s+(?:signing|the\s+signing|a\s+move|a\s+deal|(?:\S+\s+){0,2}?(?:winger|striker|midfielder|defender|forward|goalkeeper|keeper|full-back|centre-back|target|player)|(?-i:[A-Z])[\w'-]*)
    (?:fail(?:s|ed)?|failing)\s+to\s+(?:land|sign|agree|complete|secure|lure|prise|bring|get|tempt)
    <NEG>\s+(?:be\s+)?pursu\w+
    no\s+longer\s+interested
    moved\s+on\s+from
    changed\s+(?:his|her|their|its)\s+minds?\s+(?:on|about|over)
    u-turn
    backed\s+out
    withdr(?:ew|awn|aw|awing|awal)(?:\s+from)?
    had\s+to\s+withdraw
    (?:nearly|almost)\s+(?:joined|signed|moved)
    came\s+close\s+to\s+(?:joining|signing)
    (?:unable|failed)\s+to\s+(?:complete|agree|land|sign|secure|get|finalise|conclude)
    fail(?:s|ed)?\s+in\s+(?:an?|their|his|its)\s+(?:attempt|bid|effort)
"""),
    Stage.COMPLETED: _alts(r"""
    (?:to|will|would)\s+(?:sack|axe|fire)
    signed\s+(?-i:[A-Z])[\w'-]*
    (?:the\s+)?departure\s+of
    (?:will|to)\s+be\s+(?:joining|signing|moving|leaving)
    (?:is|are)\s+leaving
    (?:be|been|was|were|is)\s+completed
    released\s+(?-i:[A-Z])[\w'-]*
    (?:ahead\s+of|before)\s+(?:his|her|a)\s+(?:\S+\s+)?(?:return|move|switch|transfer)\s+to
    (?:take|takes|took|taken|trigger\w*|exercis\w*|activat\w*)\s+(?:up\s+)?(?:the|an|their|his)\s+<W>{0,2}?option
    make\s+<W>{0,4}?(?:loan|move|deal|stay)\s+permanent
    left\s+in\s+(?:january|february|march|april|may|june|july|august|september|october|november|december|the\s+summer|\d{4})
    sign(?:s|ed|ing)?\s+for
    signed\s+(?:a|an|his|her|the)\s+<W>{0,3}?(?:contract|deal|loan|pre-contract)
    (?:has|have|had|who|was|were)\s+(?:now\s+|just\s+|officially\s+)?signed
    sign(?:s|ed)\s+(?:from|on\s+loan|on\s+a)
    (?:have|has|had)\s+signed
    join(?:s|ed)(?!\s+<W>{0,8}?(?:in\s+)?(?:the\s+)?(?:race|hunt|chase|queue|wanting|pursuit|battle|running))(?!\s+forces)
    complet(?:e|es|ed|ing)\s+<W>{0,4}?(?:move|transfer|switch|loan|signing|deal|capture|purchase|arrival)
    completion
    seal(?:s|ed|ing)?\s+<W>{0,3}?(?:move|transfer|switch|loan|deal|return|signing)
    finali[sz](?:e|es|ed|ing)\s+<W>{0,3}?(?:move|transfer|switch|loan|deal|signing)
    appoint(?:s|ed|ing|ment)
    named\s+(?:as\s+)?(?:the\s+)?(?:new|interim|caretaker|permanent)
    unveil(?:s|ed|ing)?
    announced\s+as
    took\s+charge
    take(?:s|n)?\s+charge
    took\s+over
    (?:has|have|had)\s+moved\s+to\s+(?-i:[A-Z])[\w'-]*
    moved\s+to\s+(?-i:[A-Z])[\w'-]*
    (?:won|earned|secured|sealed)\s+a\s+(?:\S+\s+)?move
    made\s+(?:his|her)\s+(?:\S+\s+)?debut
    debut\s+(?:for|after|since)
    first\s+(?:goal|game|appearance)s?\s+for
    since\s+(?:his|her|their)\s+<W>{0,3}?(?:move|arrival|switch|transfer)
    since\s+(?:joining|arriving|signing|moving|leaving)
    (?:after|following|before)\s+(?:joining|signing\s+for|moving\s+to|leaving|quitting|his\s+move|his\s+switch|his\s+transfer|his\s+departure|his\s+exit)
    snapped\s+up
    snap(?:s)?\s+up
    (?:has|have)\s+landed
    (?:by\s+)?landing\s+<W>{0,5}?(?-i:[A-Z])[\w'-]*
    new\s+signing
    (?:announce|confirm)(?:s|d|ed)?\s+(?:the\s+)?<W>{0,2}?(?:signing|arrival|appointment|departure|capture)
    (?:delighted|pleased|happy|proud)\s+to\s+(?:announce|confirm|welcome)
    (?:hope|hopes|hoping|expect\w*)\s+to\s+(?:confirm|complete|finalise|seal|announce|unveil)
    (?:was|were|been|be|got|is|being)\s+(?:sacked|fired|dismissed|axed|relieved\s+of\s+his\s+duties|released)
    sacked
    sacking
    released\s+(?:by|from)
    resign
    resign(?:s|ed|ation)
    quit(?:s|ting)?
    stepped\s+down
    step\s+down
    stepping\s+down
    (?:has|have|had)\s+left(?!\s+<W>{0,8}?out\s+of)(?!\s+(?:a|an|it|us|him|her|them|behind)\b)
    left\s+(?:after|for|the\s+club|his\s+(?:post|role|job))
    (?:leaving|left|quit|quitting|exit\s+from)\s+(?-i:[A-Z])[\w'-]*(?!\s+<W>{0,8}?out\s+of\s+(?:his|the|their)\s+<W>{0,2}?(?:squad|team|side|line-up))
    parted\s+company
    part\s+company
    is\s+(?:now\s+|therefore\s+|officially\s+)*a\s+new
    put\s+pen\s+to\s+paper
    (?:penned|inked)\s+<W>{0,4}?(?:deal|contract)
    become\s+(?:the\s+)?(?:new\s+)?(?:manager|boss|head\s+coach|coach)
    (?:arrive[sd]?|arriving)\s+(?:at|from|on\s+loan)(?!\s+<W>{0,5}?for\s+(?:a|his|her)\s+medical)
    on\s+loan\s+(?:at|with|from)
    (?:to|will|would)\s+join(?!\s+<W>{0,8}?(?:in\s+)?(?:the\s+)?(?-i:race|hunt|chase|queue|pursuit|battle|running))
    (?:to|will|would)\s+(?:leave|sign(?!\s+<W>{0,3}?(?:new\s+<W>{0,2}?(?:contract|deal|terms)|<W>{0,2}?(?:extension|renewal)))|complete|seal|finalise|depart|quit|move|switch|return(?!\s+with\s+<W>{0,3}?(?:bid|offer|proposal|approach)s?)|be\s+released|be\s+sold|be\s+unveiled|be\s+appointed|be\s+named|become|take\s+over|succeed)
    (?:leave|leaves|depart|departs|exit|exits)\s+(?:(?-i:[A-Z])[\w'-]*|the\s+club|at\s+the\s+end)
    (?:close\s+to|closing\s+in\s+on|on\s+the\s+(?:verge|brink)\s+of|nearing)\s+(?:signing(?!\s+<W>{0,2}?new\s+<W>{0,2}?(?:contract|deal|terms))|completing|joining|finalising|sealing|(?:a|the)\s+(?:\S+\s+)?(?:signing|switch|transfer|return|move))
    (?:is|are|was|were|be)\s+off\s+to
    (?:started|begun|began)\s+training\s+with
    (?:the\s+)?arrival\s+of
    relieved\s+of\s+<W>{0,2}?duties
    (?:handed|gave|given)\s+(?:a|his|her)\s+debut
    (?:loan|deadline-day|january|summer|record)\s+signing
    becomes?\s+<W>{0,3}?(?:signing|recruit|arrival)\s+(?:for|of|at)
    loan\s+spell\s+(?:at|with)
    succeed(?:s|ed|ing)\s+(?-i:[A-Z])[\w'-]*
    taking\s+over
    first\s+(?:game|match|season)\s+(?:as|in\s+charge)
    send\w*\s+<W>{0,6}?out\s+on\s+loan
    loan\w*\s+(?:him\s+)?out
    losing\s+<W>{0,10}?to\s+(?-i:[A-Z])[\w'-]*
    (?:(?:have|has|had)\s+(?:beaten|beat|won)|won)\s+<W>{0,5}?the\s+race\s+(?:to|for)
    (?:terminat\w*|cut\w*\s+short)\s+<W>{0,2}?(?:loan|contract|deal|spell)
"""),
    Stage.MEDICAL: _alts(r"""
    (?:a|his|her|their)\s+(?-i:[A-Z])[\w'-]*\s+medical
    's\s+medical
    (?:a|his|her|their)\s+medical(?!\s+(?:department|staff|team|aspects|grounds|reasons|advice|condition|treatment|problems?))
    medicals
    subject\s+to\s+(?:a\s+)?medical
    medical\s+(?:examinations?|tests?|checks?)
"""),
    Stage.AGREED: _alts(r"""
    agree(?:s|d|ing)?\s+<W>{0,4}?(?:fee|terms|deal|contract|package|price|move|transfer|compensation|a\s+\S+\s+deal|in\s+principle|personal)
    agree(?:s|d|ing)?\s+to\s+(?:join|sign|sell|move|buy|let|release|leave|become|take|return)
    agreed['"”’]?\s+to\s+(?:the|a|an|their|his)\s+<W>{0,2}?(?:offer|bid|deal|terms|move|proposal)
    (?:an|the|a|verbal|personal|total|full)\s+agreement
    agreement\s+(?:in\s+principle|with|between|has\s+been|over|for|on)
    accept(?:s|ed|ing)?\s+(?:a|an|the|their|his)\s+<W>{0,3}?(?:bid|offer|proposal)
    accept(?:s|ed|ing)?\s+(?-i:[A-Z])[\w'-]*\s+<W>{0,2}?(?:bid|offer|proposal)
    done\s+deal
    in\s+the\s+process\s+of\s+(?:signing|completing|finalising|finalizing|sealing|tying\s+up)
    here\s+we\s+go
    green\s+light
    (?:deal|terms|agreement)\s+(?:is|are|has\s+been|have\s+been)\s+(?:in\s+place|agreed|reached|struck)
    reach(?:es|ed|ing)?\s+(?:an?\s+)?(?:agreement|deal|accord)
    strike\s+a\s+deal
    struck\s+a\s+deal
    will\s+pay
    (?:close\s+to|closing\s+in\s+on|near(?:ing)?|on\s+the\s+verge\s+of)\s+(?:(?:a|an|the)\s+)?<W>{0,2}?(?:deal|agreement|fee|valuation|compromise)
    pre-contract
"""),
    Stage.BID: _alts(r"""
    (?:prepared|set|ready|willing)\s+to\s+offer
    offer(?:s|ed|ing)?\s+(?-i:[A-Z])\S*\s+<W>{0,3}?(?:£|€|\$)\s?\d[\w.,]*
    bid\s+(?:for|of|worth|from|to\s+sign|to\s+buy|to\s+land|\S+\s+for|(?:£|€|\$)\s?\d[\w.,]*|\d[\w.,]*)
    bids\s+for
    (?:make|made|makes|making|submit\w*|lodge\w*|table\w*|launch\w*|place\w*|improved|opening|fresh|second|third|first|new|formal|official|£\S+)\s+(?:an?\s+)?<W>{0,2}?(?:bid|offer|proposal)s?
    offer(?:ed|ing|s)?\s+(?:(?:£|€|\$)\s?\d[\w.,]*|\d[\w.,]*|a\s+fee|a\s+deal|a\s+package|cash|money|to\s+pay)
    (?:an?\s+)?offer\s+(?:for|of|worth|from|to\s+sign)
    swoop(?:s|ed|ing)?
    bidding
    part-exchange
    swap\s+deal
    (?:improv|rais|increas|sweeten|up)\w*\s+(?:their|its|the|his)\s+<W>{0,2}?(?:bid|offer)s?
    offer(?:s|ed|ing)?\s+to\s+(?:meet|pay|match|activate|trigger)
    (?:trigger|activat|meet|pay)\w*\s+<W>{0,4}?(?:release|buy-out|buyout)\s+clause
    (?<!\bin\s)(?:the|their|his|a)\s+bid
"""),
    Stage.TALKS: _alts(r"""
    (?:made|make|makes|making)\s+an?\s+(?:\S+\s+)?enquir(?:y|ies)
    talks
    negotiat(?:e|es|ed|ing|ions?)
    discussions?
    discuss(?:es|ed|ing)?\s+<W>{0,5}?(?:future|move|transfer|contract|deal|terms)
    (?:in\s+)?contact\s+(?:with|over|about|for)
    (?:made|make|making)\s+contact
    contacted
    (?:an|an\s+initial|a\s+formal|an\s+official|first)\s+approach
    approach(?:es|ed)?\s+(?:for|about|over|to\s+sign|from)
    (?:have|has|had|been|were|was)\s+(?:not\s+)?approached
    enquir(?:y|ies|ed|ing)\s+(?:for|about|over|from)
    inquir(?:y|ies|ed|ing)\s+(?:for|about|over|from)
    sound(?:s|ed|ing)?\s+out
    working\s+on\s+(?:a\s+)?(?:deal|move|transfer|signing)
    held\s+talks
    meet(?:ing|s)?\s+with\s+(?:his|the|their)\s+(?:representatives|agent)
    (?:his|the\s+player's|their)\s+representatives
    made\s+an?\s+(?:\S+\s+)?approach
"""),
    Stage.INTEREST: _alts(r"""
    (?:hopeful|hopes)\s+of\s+(?:signing|landing|bringing|a\s+deal|a\s+move)
    (?:is|are|remain|remains)\s+hopeful
    (?:willing|prepared|ready|open)\s+to\s+listen\s+to\s+offers
    listen\s+to\s+offers
    under\s+pressure\s+to\s+sell
    battle\s+(?:it\s+out\s+)?for
    challenge\s+<W>{0,3}?for\s+(?:the\s+)?signing
    towards\s+a\s+(?:\S+\s+)?move
    (?:a\s+)?way\s+out
    want(?:s|ed)?\s+<W>{1,4}?to\s+(?:sign|bring|buy|land|re-sign)
    want(?:s|ed)?\s+a\s+(?:\S+\s+)?deal
    not\s+(?:\S+\s+)?part\s+of\s+<W>{0,2}?plans
    interest\s+(?:in|from|for)
    interested\s+in
    (?:show\w*|express\w*|register\w*|declar\w*)\s+(?:their|an|strong|some|his)?\s*interest
    (?:'s|s'|their|his|its)\s+interest
    keen\s+(?:on\s+(?:signing|keeping|bringing|landing|securing|re-signing|a\s+move|(?-i:[A-Z])[\w'-]*)|to\s+(?:sign|bring|land|keep|add|join|move|leave|return|sell|offload|secure))
    want(?:s|ed|ing)?\s+(?:to\s+)?(?:sign|bring|buy|land|take|keep|re-sign|him|to\s+speak|to\s+talk|out|to\s+leave|to\s+join|to\s+move|to\s+return|to\s+play\s+for)
    want(?:s|ed)?\s+(?-i:[A-Z])[\w'-]*
    (?<!\bon\s)(?<!\boff\s)(?<!of\sthe\s)target(?:s|ed|ing)?(?!\s+(?:man|practice))
    monitor(?:s|ed|ing)?
    track(?:s|ed|ing)?
    (?:keeping|keep|keeps|kept)\s+(?:tabs|an\s+eye|track)
    eye(?:s|d|ing)?\s+(?:a|an|up|the|<W>{1,3}?(?:move|swoop|deal|loan|switch))
    (?:have|has)\s+(?:an\s+)?eye\s+on
    linked
    link(?:s|ing)?\s+(?:with|to|him|her)
    consider(?:s|ed|ing)?\s+(?:a|an|the|whether|him|his|their|\w+ing|\S+\s+(?:move|bid|offer)|(?-i:[A-Z])[\w'-]*)
    (?:will|to|would|could)\s+consider
    plot(?:s|ting)?
    chas(?:e|es|ed|ing)(?!\s+down)
    pursu(?:e|es|ed|ing|it)
    (?:joined|join|joins|enter(?:s|ed)?|lead(?:s|ing)?|in)\s+<W>{0,8}?(?:in\s+)?(?:the\s+)?(?-i:race|hunt|chase|queue|wanting|pursuit|battle|running)
    race\s+(?:to|for)
    scout(?:s|ed|ing)
    admir(?:e|es|ed|er|ers)
    like\s+to\s+(?:sign|bring)
    tipped\s+(?:to|for)
    (?:could|may|might|can)\s+<W>{0,3}?<MOVE>
    (?:favourite|favourites|front-?runners?|frontrunners?|contenders?)
    shortlist(?:ed)?
    in\s+the\s+(?:running|frame|mix)
    on\s+<W>{0,3}?(?:radar|shortlist|wishlist)
    confident\s+(?:of|that|they|he|it)
    contemplat\w+
    explor\w+
    interesting\s+<W>{0,4}?clubs
    in\s+(?:their|a|his|its)\s+bid\s+to\s+(?:sign|land|bring|buy|secure|lure|keep|tempt|prise|convince|persuade|strengthen|add|beat|snap|get|replace|reunite|re-sign)
    weigh(?:s|ing)?\s+up
    (?:make|makes|making)\s+a\s+move
    moves?\s+for
    dream(?:s|ing)?\s+of
    dream\s+(?:signing|target|move)
    (?:looking|hoping|aiming|planning|eager|desperate|determined|hope|hopes|aim|aims|plan|plans|want|wants|wish\w*|seeking|seek|seeks|trying|tried|try|tries|battling|attempting|attempted)\s+to\s+(?:sign|bring|land|buy|secure|lure|recruit|snap|add|get|sell|offload|loan|move|leave|join|return|re-sign|keep|prise|tempt|take)
    transfer\s+request
    want(?:s)?\s+out
    open\s+to\s+(?:offers|a\s+move|leaving|selling)
    available\s+(?:for|on)\s+(?:a\s+)?(?:transfer|loan|free)
    up\s+for\s+sale
    (?:stepp?(?:ed|ing|s)?|ramp\w*)\s+up\s+<W>{0,2}?(?:interest|pursuit|attempts?|efforts?|bid|chase|plans|search)
    attempts?\s+to\s+(?:sign|land|bring|lure)
    looking\s+into
    (?:possibility|prospect)\s+of\s+(?:signing|bringing|landing|a\s+move|moving|joining|selling|loaning)
    evaluat\w+
    (?:looked\s+at|being\s+considered|under\s+consideration|in\s+contention)
    urg(?:e|es|ed|ing)
    offered\s+(?:his|her)\s+services
    offer(?:s|ed|ing)?\s+<W>{0,8}?to\s+(?-i:[A-Z])[\w'-]*
    can\s+sign
    let\s+<W>{0,6}?leave
    (?:list|shortlist)\s+of\s+(?:potential\s+)?(?:signings|targets|candidates)
    (?:potential|possible|transfer)\s+(?:target|signing|replacement|successor)
    (?:offered|given|handed)\s+the\s+(?:chance|opportunity)\s+to\s+(?:sign|buy|land|bring)
    (?:view|see|sees|views|regard|regards)\s+<W>{0,6}?as\s+(?:a|an|the)\s+<W>{0,2}?(?:replacement|successor|target|option)
    attract\w*\s+(?:the\s+)?(?:interest|attention)
    wanted\s+by
    (?:added|add|adds)\s+<W>{0,4}?to\s+(?:their|its|his)\s+<W>{0,2}?(?:list|shortlist|options|targets|wishlist)
    (?:alert|alerted|alerts)\s+<W>{0,3}?(?:to|by)
    rival(?:s|ling|led)\s+<W>{0,4}?for
    look\s+elsewhere
    (?:first-choice|preferred|ideal|dream|likely|possible|next)\s+destination
    preference\s+(?:is|would\s+be|remains)\s+(?:the|a|an|to\s+(?:join|move|sign)|(?-i:[A-Z])[\w'-]*)
    beat\s+<W>{1,4}?to\s+(?:the\s+)?(?:signing|signature|deal)
    dream\W?\s+to\s+(?:play|join|sign|move|manage|return|coach)
    (?:love|like)\W?\s+to\s+(?:keep|sign|bring|join|manage|coach|reunite|work\s+with)
    (?:no|not\s+be)\s+short\s+of\s+(?:offers|suitors|interest|admirers)
    speculation\s+(?:over|about|surrounding|regarding)\s+(?:his|her|their|the)\s+<W>{0,2}?future
    (?:subject|source)\s+of\s+<W>{0,2}?(?:speculation|interest|rumours)
    door\s+<W>{0,2}?(?:is|remains|was)\s+<W>{0,2}?open\W{0,2}\s+(?:to|for)\s+(?:a\s+|his\s+)?(?:return|him|(?-i:[A-Z])[\w'-]*)
    (?:could|may|might|would)\s+be\s+<W>{0,4}?(?:first|next|latest|new|marquee)\s+<W>{0,2}?(?:signing|recruit|arrival)
    (?:is|are)\s+(?:also\s+|now\s+)?interesting\s+(?-i:[A-Z])[\w'-]*
    want(?:s|ed|ing)?\s+to\s+(?:reunite|be\s+reunited|work\s+with)
    pole\s+position
    allowed\s+to\s+(?:leave|go|depart|move)
    (?:try|tries|tried|trying)\s+and\s+(?:sign|land|bring|buy|get|lure|prise)
    (?:is|are|was|were|being|been|remains?)\s+(?:still\s+|also\s+)?wanted
    (?:look\w*|search\w*|hunt\w*)\s+for\s+a\s+new\s+(?:club|challenge|home)
    turn\w*\s+(?:their|his|its|her)\s+attentions?\s+to
    days\s+<W>{0,4}?(?:are|look|seem)\s+numbered
    (?:career|spell|time|stay|future)\s+<W>{0,4}?(?:coming|come|drawing)\s+to\s+an\s+end
"""),
}
# Descriptions that imply an event only when the sentence says nothing else ("new boss X").
_WEAK = _alts(r"""
    (?:new|interim|caretaker)\s+<W>{0,2}?(?:manager|boss|head\s+coach|coach|signing)
""")
NOMINAL = re.compile(
    r"^(?:\S+\s+){0,3}?(?:bid|offer|move|pursuit|talks|interest|approach|deal|transfer|negotiations|switch)s?\b",
    re.IGNORECASE,
)
REPORTS = re.compile(
    r"\b(?:reports?|claims?|speculation|suggestions?|rumou?rs?|stories|story|talk|links?)\b",
    re.IGNORECASE,
)

# Near-certainty and modality: hedge the stage that follows ("set to join" is completion, hedged).
TRANSPARENT = re.compile(
    r"\b(?:(?:is|are|was|were|be|been)\s+)?(?:set|poised|expected|due|likely|about|ready|preparing|prepared|on\s+course|in\s+line|tipped|primed)\s+to\b|"
    r"\b(?:close\s+to|closing\s+in\s+on|on\s+the\s+(?:verge|brink)\s+of|nearing|edging\s+closer\s+to)\b",
    re.IGNORECASE,
)
# Words that put the source's word, not the sentence's, behind a claim: they cover the sentence.
_ATTRIBUTIONS = _alts(r"""
    reportedly
    rumou?r(?:s|ed)?
    speculat\w*
    suggest(?:s|ed|ion|ions)?
    claim(?:s|ed|ing)?
    according\s+to
    understood
    understands?
    believed
    (?:sources?|reports?)\s+(?:\S+\s+)?(?:say|said|claim|suggest|state)\w*
    a\s+report
    report(?:s|ed)?\s+(?:that|on|in)
    learn[td]
    allegedly
""")
# Possibility and expectation: a claim under these is speculation, even a denial.
_MODALS = _alts(r"""
    could
    might
    may
    perhaps
    probably
    maybe
    possibly
    potentially
    likely
    unlikely
    expected
    would
    if
    whether
    unless
    set\s+to
    poised\s+to
    due\s+to
    close\s+to
    closing\s+in
    nearing
    on\s+the\s+(?:verge|brink)
    tipped
    in\s+line\s+to
""")
# Hedges: the modals, plus words that put a claim on a source or a wish ("reportedly", "keen").
_HEDGES = _MODALS + _alts(r"""
    reportedly
    rumou?r(?:s|ed)?
    speculat\w*
    suggest(?:s|ed|ion|ions)?
    claim(?:s|ed|ing)?
    according\s+to
    understood
    understands?
    believed
    (?:is|are|was|were)\s+(?:thought|said|told|expected|tipped|poised|set|due|close|closing|nearing|ready|preparing)
    (?:sources?|reports?)\s+(?:\S+\s+)?(?:say|said|claim|suggest|state)\w*
    a\s+report
    report(?:s|ed)?\s+(?:that|on|in)
    linked
    learn[td]
    favourites?
    frontrunners?
    hope(?:s|ful)?
    wants?
    keen
    interest(?:ed)?
    plan(?:s|ning)?\s+to
    will
    (?:'ll)
    understand\w*
    can
    monitoring
    looking\s+for
    seeking
    hoping
""")
OUTLET_TAIL = re.compile(
    r"\(\s*(?:https?://)?((?:www\.)?[\w-]+(?:\.[\w-]+)+/?|[A-Z](?:['’][A-Z])?[^\W\d_][\w .&'’-]{0,40})\s*\)\s*\.?\s*$"
)


def _compile(patterns: list[str]) -> re.Pattern[str]:
    return re.compile(r"(?<![\w£-])(?:" + "|".join(patterns) + r")(?![\w-])", re.IGNORECASE)


STAGE_PATTERNS = [(stage, _compile(patterns)) for stage, patterns in _CUES.items()]
WEAK_PATTERN = _compile(_WEAK)
HEDGE = _compile(_HEDGES)
MODAL = _compile(_MODALS)
ATTRIBUTION = _compile(_ATTRIBUTIONS)
# Family order breaks ties between cues of the same span.
FAMILY = {stage: i for i, stage in enumerate(_CUES)}
