"""The words by which a verb's sense is told (``senses.py``): what is seized,
given, sent or attended figuratively, what is arms, who speaks for the press.

Each list is named for the sense it tells and shows its use in a comment.
"""

from __future__ import annotations

from fogwatch.wordlists import BRANDISHED

# Adverbs the parser may tag as such where they are a verb's particle ("are pushing
# the Russians back": "push back", not "push").
PARTICLE_ADVERBS = frozenset({"back", "out", "off", "away", "down", "up"})
# What one declines or is asked to do that is saying, not doing: "declined to comment",
# "declined to tell reporters who ...", "was asked to name a decision" (CAMEO's "decline
# comment" is a public statement, which PLOVER leaves out, not a rejection; a question
# put is no request)
SPOKEN_ACTS = frozenset({"comment", "discuss", "elaborate", "specify", "identify", "name",
                             "confirm", "answer", "speculate", "address", "detail",
                             "divulge", "reveal", "say", "tell", "disclose", "respond",
                             "explain", "describe", "characterize", "characterise"})
# Verbs of giving, whose object may be words: "declined to give details"
GIVING = frozenset({"give", "provide", "release", "offer", "share", "supply", "hand", "deliver"})
THING_PRONOUNS = frozenset({"it", "this", "that", "which", "what"})
# Whom one speaks to when one tells the public, not a counterpart
PRESS_NOUNS = frozenset({"reporter", "journalist", "press", "media", "newspaper", "audience",
                         "crowd", "supporter", "voter", "viewer", "reader", "writer",
                         "correspondent", "editor", "columnist"})
# What is seized without force: "seized world attention", "seized the moment"
SEIZED_FIGURATIVELY = frozenset({"attention", "opportunity", "chance", "moment",
                                 "imagination", "spotlight", "headline", "momentum",
                                 # "captured the frustration of many Americans"
                                 "frustration", "allegiance", "mood", "spirit", "essence",
                                 "heart", "anger", "zeitgeist", "feeling", "sentiment",
                                 "loyalty", "enthusiasm", "energy", "fancy", "interest",
                                 # "extracted an agreement": won in talks, not taken
                                 "agreement", "concession", "promise", "pledge",
                                 "commitment", "apology"})
# What a state produces or tests as arms, besides the weapon words: "produced
# shells", "tested a warhead" (and not "produced one headline", "tested positive")
ARMS = BRANDISHED | frozenset({"shell", "shells", "ammunition", "munition", "munitions",
                               "ammo", "warhead", "bomb", "device", "weapon"})
# What is fired, thrown or dropped (lemmas): the means of an attack, never its target
# ("fired missiles at Kyiv", "shots were fired", "dropped leaflets")
PROJECTILES = ARMS | frozenset({"shot", "round", "bullet", "salvo", "volley", "barrage",
                                "mortar", "grenade", "artillery", "gunfire", "fire", "flare",
                                "gas", "projectile", "leaflet", "stone", "rock", "rubber",
                                "cannon", "explosive", "firework"})
# Verbs that fire or use a weapon, whose object is the means of the attack ("fired
# rockets", "used drones against the town"); those that act on one take it as their
# target ("shot down a drone", "destroyed two tanks"). What is given or sent stays
# what the event is about ("providing the Tomahawk missiles to Ukraine").
LAUNCHING = frozenset({"fire", "launch", "drop", "lob", "hurl", "throw", "rain", "unleash",
                       "shoot", "use", "aim", "point", "detonate", "explode"})
# Verbs whose "at" names whom the shot is aimed at ("fired at the town"), not where
AIMING = frozenset({"fire", "shoot", "aim", "point", "lob", "hurl", "throw", "launch", "swing",
                    "lunge", "strike", "lash"})
# What is given that is no aid: "gives GOP a boost", "gave Mr. Kerry the leverage"
GIVEN_FIGURATIVELY = frozenset({
    "boost", "leverage", "momentum", "impetus", "edge", "advantage", "credibility",
    "legitimacy", "hope", "confidence", "chance", "opportunity", "speech", "interview",
    "lecture", "talk", "address", "glimpse", "sense", "idea", "headache", "pause",
    "thought", "consideration", "credit", "voice", "platform", "shape", "rise", "birth",
    "airtime", "attention", "publicity", "exposure", "authority", "power", "right",
    "mandate", "peek", "look", "tour", "preview",
    # a time given is a deadline: "gave the US government three days to meet the demands"
    "day", "hour", "week", "month", "deadline", "ultimatum",
    # a poll's lead: "the poll gave Clinton a much higher lead"; an opening; a union's nod
    "lead", "opening", "window", "headstart", "nod",
})
# What is given as aid (besides arms and sums of money): "gave Ukraine $2 billion in
# aid", "gave the refugees shelter"; campaign news gives advice, issues, missions,
# appointments, shout-outs and speaking slots, which are none
GIVEN_AS_AID = frozenset({
    "aid", "assistance", "money", "fund", "funds", "funding", "cash", "loan", "loans", "grant",
    "grants", "food", "water", "supplies", "supply", "shelter", "asylum", "refuge",
    "sanctuary", "equipment", "ammunition", "medicine", "medicines", "vaccine", "vaccines",
    "fuel", "training", "intelligence", "help", "protection", "citizenship", "visa", "visas",
    "passport", "passports", "tent", "tents", "blanket", "blankets", "relief", "donation",
    "dollar", "euro", "million", "billion", "troops", "soldier", "soldiers", "hardware",
    "vehicle", "vehicles", "aircraft", "jet", "jets", "ship", "ships", "boat", "boats",
})
# What is cut from a body, which makes cutting or severing an assault, not a sanction:
# "cut off his head", "his hand was severed with a machete" (not "arm": "cut off arms")
BODY_PARTS = frozenset({"head", "hand", "finger", "ear", "nose", "tongue", "leg", "foot",
                        "feet", "penis", "genitals", "limb", "throat", "toe", "lip", "eye",
                        "thumb", "scalp", "organ", "hands", "fingers", "ears"})
# What is broken that is no line, siege or body: "broke the record", "broke his silence",
# "broke the news", "broke ranks", "broke a promise", "broke the law"
BROKEN_FIGURATIVELY = frozenset({"record", "silence", "news", "ground", "barrier", "promise",
                                 "pledge", "law", "rule", "tie", "taboo", "habit", "mold",
                                 "mould", "heart", "bread", "story", "ceiling", "streak", "rank",
                                 "tradition", "precedent", "protocol", "stalemate", "deadlock",
                                 "impasse", "logjam", "ice", "spell", "fast", "bank"})
# What is paid that pays no one a sum CAMEO speaks of: "had just paid off her student
# loans", "paid his taxes"
PAID_DEBTS = frozenset({"loan", "debt", "bill", "mortgage", "tuition", "rent", "tax", "fee",
                        "fine", "invoice", "premium", "dues", "price", "toll", "cost"})
# Animals killed, which is no attack on anyone: "experiments on GMOs even killed rats"
ANIMALS = frozenset({"rat", "mouse", "mice", "animal", "fish", "bird", "cattle", "cow", "sheep",
                     "goat", "dog", "cat", "pig", "chicken", "horse", "insect", "bee",
                     "mosquito", "deer", "wolf", "bear", "elephant", "rhino", "shark", "whale",
                     "livestock", "poultry", "wildlife", "lion", "tiger"})
# Whom a candidate beats: "now that he's beaten those former rivals"
RIVALS = frozenset({"rival", "opponent", "challenger", "incumbent", "field", "candidate",
                    "contender", "frontrunner", "front-runner"})
# The parties one votes for, which makes a vote an election: "have voted Democratic"
PARTY_WORDS = frozenset({"democratic", "republican", "conservative", "labour", "labor",
                         "liberal", "green", "independent", "tory", "gop"})
# What one is challenged to that is a contest, not an accusation: "challenged Trump to a
# one-on-one debate"
CONTESTS = frozenset({"debate", "duel", "race", "contest", "game", "match", "poll", "vote",
                      "showdown", "face-off"})
# What is written, which targets no one by force: "an op-ed targeted Trump" (the parse
# splits "op-ed", whose head is "ed")
WRITINGS = frozenset({"op-ed", "ed", "article", "column", "editorial", "essay", "piece", "story",
                      "post", "tweet", "book", "report", "letter", "headline", "cartoon"})
# Who hosts a show one talks on, which is no consultation: "discussed the controversy with
# radio host Hugh Hewitt"
MEDIA_HOSTS = frozenset({"host", "anchor", "interviewer", "moderator", "commentator", "pundit",
                         "presenter", "broadcaster", "podcaster", "columnist"})
# What is cancelled that is no meeting or deal: "Airlines canceled flights to Kyiv"
CANCELLED_THINGS = frozenset({"flight", "show", "concert", "game", "performance", "class",
                              "appearance", "screening", "match", "festival", "tour", "order",
                              "subscription", "reservation", "booking", "episode"})
# Verbs of force whose "with" names the other side ("clashed with police", "fought with
# the rebels"); with the others it names the means or the company ("beaten with sticks",
# "attacked the town with his troops")
FOUGHT_WITH = frozenset({"clash", "fight", "battle", "skirmish", "struggle", "spar", "grapple",
                         "wrestle", "tussle", "scuffle", "brawl", "collide"})
# What explodes: a weapon, or what carries one ("the car bomb exploded")
EXPLOSIVES = frozenset({"mine", "mines", "grenade", "device", "vest", "car", "truck", "ied",
                        "explosive", "explosives", "charge", "blast"})
# Posts one holds ("occupies one of the key positions"), not ground one takes
POSTS = frozenset({"position", "post", "seat", "office", "role", "job", "place", "spot",
                   "rank", "chair", "space", "niche"})
# What is sent that is no aid: "the message this is sending"
SENT_FIGURATIVELY = frozenset({"message", "signal", "shockwave", "shockwaves", "chill",
                               "ripple", "ripples", "shiver", "shivers", "order", "orders"})
# What one campaigns for that is an office, not a demand: "campaigning for president"
OFFICES = frozenset({"president", "presidency", "office", "election", "reelection",
                     "re-election", "seat", "governor", "senate", "congress", "mayor", "vote",
                     "votes", "nomination"})
# A share of those polled ("62 percent of Republicans agreed") states an opinion; it
# does nothing (and "percent" has a doer's ending)
# ... and the poll itself: "the CBS poll gave Clinton a much higher lead"
POLL_SHARES = frozenset({"percent", "percentage", "%", "share", "proportion", "plurality", "poll",
                         "survey"})
# The entity labels of states and bodies, whose shared position is an agreement
STATES = frozenset({"GPE", "ORG", "NORP"})
# What surrounds a thing in words: "questions surrounded the purported agreement"
SURROUNDING_THINGS = frozenset({"question", "doubt", "controversy", "mystery", "uncertainty",
                                "speculation", "secrecy", "confusion", "rumor", "rumour",
                                "suspicion", "scandal", "debate", "silence", "hype", "fact",
                                "circumstance", "detail", "issue", "concern", "furor",
                                "outrage", "drama", "allegation",
                                # "Photographs surround the casket"
                                "photograph", "photo", "picture", "portrait", "image",
                                "flower", "wreath", "candle", "poster", "sign", "memorabilia",
                                "tree", "wall", "water", "mountain", "hill", "field"})
# What shows that something is so, which supports claims, not sides
EVIDENCE = frozenset({"evidence", "data", "fact", "finding", "record", "poll", "survey",
                      "study", "analysis", "document", "image", "imagery", "footage",
                      "figure", "number", "statistic"})
# Names of things, not of someone (spaCy's entity labels)
NAMED_THINGS = frozenset({"EVENT", "LAW", "WORK_OF_ART", "PRODUCT", "LANGUAGE"})
# Those a state parades besides its arms
TROOPS = frozenset({"troop", "soldier", "force", "unit", "army", "battalion", "brigade",
                    "platoon", "regiment", "squad", "paratrooper", "marine", "commando",
                    "reinforcement", "personnel", "mercenary", "reservist"})
# Who hurts by force, besides troops and what the lexicon reads as an attack: "the
# gunman hurt three people" (and not a policy that hurts "the little people")
ATTACKERS = frozenset({"gunman", "attacker", "assailant", "militant", "fighter", "bomber",
                       "sniper", "mob", "rebel", "insurgent", "terrorist", "jihadist",
                       "police", "officer", "guard", "shooter", "missile", "drone", "rocket",
                       "shell", "bomb", "mine", "explosive", "debris", "shrapnel", "blast",
                       "explosion", "fire", "crossfire"})
# What one attends as a meeting, besides the lexicon's event nouns ("attended the
# summit"): not a school one goes to, nor a rally (attending it is taking part, which
# the rally tells)
ATTENDED = frozenset({"conference", "ceremony", "funeral", "parade", "inauguration",
                      "session", "forum", "gathering", "celebration", "commemoration",
                      "signing", "meeting", "summit", "talks", "negotiations"})
# Acts whose subject asks not to be named: the reporter's formula for anonymity
ANONYMITY = frozenset({"name", "identify", "quote"})
# ... and the state of one who asked it: "who asked to remain anonymous"
ANONYMOUS = frozenset({"anonymous", "unnamed", "unidentified", "nameless"})
# Plural counts that stand for people ("Thousands gathered")
COUNTS_OF_PEOPLE = frozenset({"dozens", "scores", "hundreds", "thousands", "millions",
                              "tens"})
# Pronouns that make a warning the warner's own threat: "warned that it would retaliate"
WARNER_PRONOUNS = frozenset({"i", "we", "it", "they", "he", "she"})
# and the forces of a state, which carry out its threats: "the security chief warned
# that police will no longer tolerate rallies"
FORCES = frozenset({"police", "army", "military", "troops", "forces", "government",
                    "authorities", "navy", "security"})
# What one hits that is no target: "the candidates hit the stage", "hit a record"
HIT_FIGURATIVELY = frozenset({"stage", "road", "trail", "airwaves", "headline", "record", "phone",
                              "high", "low", "milestone", "mark", "note", "button", "jackpot",
                              "ground", "wall", "snag", "bottom", "peak"})
# What is contributed that is no aid: "contributed reporting"
CONTRIBUTED_WORDS = frozenset({"reporting", "research", "writing", "article", "essay",
                               "comment", "idea", "thought", "chapter", "analysis"})
# What is fired at someone: a weapon or its rounds ("fired shots", "fired missiles"), not
# a person ("fired Comey", a dismissal) nor a question
FIRED = frozenset({"shot", "round", "volley", "salvo", "barrage", "burst", "shell", "flare",
                   "bullet", "gun", "weapon", "cannon", "artillery"})
# What one gives when one tells: "gave the figure", "gave no details", "gave an
# account" report words, not aid (CAMEO reads every "give" as AID); "released a
# video", "released a statement" publish words, not prisoners.
TOLD_OBJECTS = frozenset({
    "figure", "number", "toll", "tally", "detail", "account", "estimate", "name", "date",
    "reason", "explanation", "example", "description", "answer", "assessment", "update",
    "timeline", "timetable", "indication", "impression", "version", "breakdown",
    "statement", "video", "footage", "image", "photo", "photograph", "recording", "report",
    "audio", "screenshot",
    "data", "result", "list", "transcript", "document", "communique", "letter",
    "documentary", "film", "movie", "book", "album", "song", "memoir", "trailer", "episode",
    "podcast", "advice", "sermon", "speech", "lecture", "address", "remark", "testimony",
    "briefing", "eulogy", "tip", "decision", "verdict", "ruling", "opinion", "judgment",
    "judgement", "memo", "memorandum", "tweet", "post", "email", "e-mail", "mail", "op-ed", "column",
    "news",
})
# Written rules, which allow, require or forbid but do nothing: "DNC rules permit members
# to appoint proxies" (an actor's act, such as passing a law, is coded by its own verb)
RULES_AND_LAWS = frozenset({"rule", "law", "constitution", "charter", "regulation",
                            "guideline", "statute", "bylaw", "provision", "clause"})
# What a force flies besides its troops and arms: "flying missions against ISIS"
FLOWN = frozenset({"mission", "sortie", "raid", "patrol", "bomber", "warplane", "gunship",
                   "drone", "fighter", "airlift"})
# Whom one welcomes or what one hosts as a host, not as a state: "welcomed several
# hundred guests", "hosted his Labor Day cookout" (not "welcomed the decision",
# "hosted the summit")
GUESTS = frozenset({"guest", "visitor", "crowd", "audience", "attendee", "participant",
                    "spectator", "fan", "supporter", "newcomer", "baby", "tourist"})
HOSTED_SOCIALLY = frozenset({"cookout", "barbecue", "picnic", "show", "program",
                             "programme", "podcast", "fundraiser", "gala", "concert",
                             "festival", "wedding", "game", "event", "class", "tournament",
                             "match", "competition", "screening", "dinner",
                             "lunch", "luncheon", "breakfast", "reception", "town",
                             "hall", "debate", "watch", "rally", "drive", "celebration"})
# What is caught that is no one: "caught fire with activists", "caught the eye of"
CAUGHT_FIGURATIVELY = SEIZED_FIGURATIVELY | frozenset({"fire", "eye", "glimpse", "break", "wind",
                                                       "flak", "breath", "sight", "bug", "cold"})
# How a crowd greets someone: "he was greeted with a standing ovation"
APPLAUSE = frozenset({"ovation", "applause", "cheer", "boo", "chant", "jeer", "whistle"})
# The lead of a body, taken over in succession, not seized: "took over the leadership"
LEADERSHIP = frozenset({"leadership", "helm", "rein", "reins", "chairmanship", "presidency",
                        "premiership", "stewardship"})
# What is destroyed in words, not by force: "the deadlock destroyed Obama's plan"
DESTROYED_FIGURATIVELY = frozenset({"plan", "hope", "chance", "career", "reputation",
                                    "credibility", "case", "argument", "dream", "legacy",
                                    "candidacy", "confidence", "trust", "relationship", "myth",
                                    "narrative", "image", "brand", "record"})
# Spans of time, which are ended only in words: "voters ended decades of dominance"
TIME_SPANS = frozenset({"decade", "year", "month", "week", "day", "century", "era",
                        "generation", "period"})
# Kin and friends, whose visits are no state's: "she had been visiting her sister"
KIN = frozenset({"sister", "brother", "mother", "father", "parent", "son", "daughter", "child",
                 "family", "grandmother", "grandfather", "grandchild", "aunt", "uncle",
                 "cousin", "wife", "husband", "relative", "friend", "girlfriend", "boyfriend"})
# Where words are said: an attack "in an interview" or "on Twitter" is criticism
SAID_IN = frozenset({"interview", "speech", "tweet", "twitter", "debate", "statement", "ad",
                     "advertisement", "op-ed", "column", "post", "radio", "television", "tv",
                     "broadcast", "letter", "address", "remark", "blog", "podcast", "facebook",
                     "editorial", "press", "briefing", "hearing", "stage", "podium",
                     "floor", "pulpit", "rostrum", "lectern"})
# What is answered in words: "pushed back against a claim", "against the criticism"
REBUTTED = frozenset({"claim", "attack", "criticism", "allegation", "accusation", "charge",
                      "notion", "idea", "suggestion", "narrative", "characterization",
                      "assertion", "rumor", "rumour", "story"})
# What is opposed as a move, not held against as an issue ("opposes Obama's executive
# actions", not "opposes abortion"), besides someone, an event and a measure
OPPOSED_MOVES = frozenset({"plan", "proposal", "nomination", "nominee", "deal", "policy",
                           "decision", "move", "idea", "effort", "request", "demand", "action",
                           "increase", "cut", "order", "ruling", "tax", "intervention",
                           "agreement", "candidacy", "appointment", "merger", "expansion"})
# Where children are sent, which is no aid: "sent them to top-ranked colleges"
SCHOOLS = frozenset({"school", "college", "university", "camp", "class", "boarding"})
# What one applies for that asks no state for anything: "applied for a job"
APPLIED_FOR = frozenset({"job", "position", "permit", "license", "licence", "loan", "visa",
                         "passport", "mortgage", "grant", "scholarship", "card", "credit"})
# What one takes that is not seized: "took photos of the aircraft", "took questions"
TAKEN_FIGURATIVELY = frozenset({"charge", "office", "helm", "oath","photo", "photograph", "picture", "selfie", "video", "footage",
                                "note", "question", "look", "step", "stand", "stance",
                                "breath", "seat", "vote", "test", "shot", "aim", "credit",
                                "responsibility", "care", "time", "notice", "pride", "issue",
                                "lead", "turn", "break", "place", "stage", "trip",
                                "walk", "toll", "advantage", "heed", "umbrage", "offense",
                                "offence", "exception", "action", "measure",
                                # a share of a vote: "took just 6 percent of the vote"
                                "percent", "percentage", "share", "majority", "plurality",
                                "point", "ballot"})
# Words one offers that are no offer to act: "offered an emotional defense of the city"
OFFERED_WORDS = frozenset({"approach", "vision", "alternative", "choice", "contrast", "pitch",
                           "defense", "defence", "condolence", "thought", "prayer", "praise",
                           "tribute", "sympathy", "congratulation", "apology", "rebuttal",
                           "critique", "glimpse", "insight", "view", "perspective", "advice",
                           "opinion", "comment", "remark", "argument", "theory", "hint",
                           "assessment", "explanation", "detail", "answer", "reason"})
# A candidate's run, which is suspended without sanctioning anyone: "suspended his
# presidential campaign"
CANDIDACIES = frozenset({"bid", "candidacy", "candidature", "run"})
ELECTORAL = frozenset({"presidential", "election", "electoral", "reelection", "re-election",
                       "senate", "mayoral", "gubernatorial", "primary", "political", "campaign",
                       "congressional", "leadership", "white"})
# Who votes in elections and leans toward candidates, which is no political act:
# "naturalized citizens who have voted for both parties", "African-American voters
# overwhelmingly support the president" (not a party's or a state's members, which may be
# lawmakers or a government)
ELECTORATE = frozenset({"voter", "citizen", "district", "county", "precinct", "resident",
                        "electorate", "constituent", "supporter", "youth", "millennial",
                        "caucus-goer", "primary-goer", "evangelical"})
# ... and, voting, a state or people at large: "districts that had voted for someone
# else", "states that vote a week later" ("member states voted" at the UN is a body's vote)
VOTING_PUBLIC = ELECTORATE | frozenset({"state", "people", "american", "woman", "man"})
# The public, whose words are no act of a party: "YouTube commenters criticized the
# video", "many supporters complained": the electorate but its residents, citizens and
# places (whose accusations are witness accounts), and the audiences of the media
THE_PUBLIC = (ELECTORATE - {"citizen", "district", "county", "precinct", "resident",
                            "constituent"}) | frozenset({
    "commenter", "user", "viewer", "reader", "listener", "fan", "follower", "netizen",
    "audience", "spectator", "subscriber", "customer", "consumer", "shopper"})
# What one dominates by force: ground, sea and air, not a race or the news
DOMINATED_GROUND = frozenset({"airspace", "sky", "skies", "sea", "battlefield", "ground", "land",
                              "territory", "region", "border", "coast", "heights", "city",
                              "town", "village", "front", "area", "road", "highway"})
# What candidates battle for, which is a contest, not a fight: "battling Carson for the
# top spot in the polls" ("battling for control of the city" is read by its object)
CONTESTED = frozenset({"spot", "lead", "nomination", "seat", "vote", "title", "position",
                       "place", "support", "attention", "delegate", "presidency", "job", "post",
                       "ticket", "endorsement", "voter", "crown", "headline", "rating",
                       # "bested Clinton's vote total", "beat a large field of candidates"
                       "total", "tally", "share", "margin", "field", "rival", "opponent",
                       "challenger", "incumbent"})
# What strikes that is no attacker: "when crisis strikes Paris"
STRIKING_THINGS = frozenset({"crisis", "tragedy", "disaster", "misfortune", "lightning",
                             "panic", "inspiration", "recession", "pandemic", "illness", "cost",
                             "price", "inflation", "storm", "hurricane", "earthquake", "quake",
                             "flood", "wave", "tax", "news", "story", "word", "rumor", "rumour",
                             "tornado", "tsunami", "typhoon", "cyclone", "wildfire", "drought",
                             "avalanche", "landslide", "blizzard", "virus", "ebola", "disease",
                             "epidemic", "cancer", "heatwave", "outbreak"})
# What one strikes that is no target: "struck a chord", "struck a similar tune", "struck a
# balance", "struck a deal" (the deal is the event)
STRUCK_FIGURATIVELY = frozenset({"chord", "balance", "tone", "note", "pose", "nerve", "figure",
                                 "match", "gold", "rich", "fear", "blow", "compromise", "tune",
                                 "deal", "agreement", "bargain", "accord", "pact"})
# What one closes that is no border, port or office: "closed the door on the probe",
# "closed her victory speech with a tribute", "closed out his tour", "closed the deal"
CLOSED_FIGURATIVELY = frozenset({"door", "speech", "remark", "address", "tour", "rally", "show",
                                 "event", "debate", "statement", "argument", "chapter", "book",
                                 "gap", "deal", "sale", "loop", "rank", "distance", "campaign",
                                 "case", "investigation", "probe", "session", "day", "week",
                                 "year", "trading", "lead", "race"})
# What one is forced to do that no one compels: "Americans are once again forced to face
# the threat"
FACED_NOT_DONE = frozenset({"face", "confront", "watch", "wait", "endure", "accept", "deal",
                            "reckon", "choose", "admit", "acknowledge", "rethink", "reconsider",
                            "live", "learn", "cope", "grapple", "recognize"})
# What a parliament passes: a measure, not a microphone
MEASURES = frozenset({"bill", "law", "resolution", "measure", "amendment", "budget",
                      "legislation", "act", "motion", "sanction", "reform", "package",
                      "ordinance", "decree", "vote", "treaty", "constitution", "ban"})
# What one lends that is no loan: "has lent his prime-time platform to accusations"
LENT_FIGURATIVELY = frozenset({"platform", "voice", "name", "credibility", "ear", "hand",
                               "weight", "legitimacy", "credence", "air", "support", "face",
                               "star", "prestige", "clout", "expertise", "advice", "counsel"})
# What captures a sight, not a place: "satellite imagery captured the deployment"
RECORDERS = frozenset({"imagery", "image", "camera", "video", "footage", "photo", "photograph",
                       "picture", "satellite", "recording", "lens", "snapshot", "poll",
                       "survey"})
# What is delivered that is no aid: "Wall Street delivered the worst recession"
DELIVERED_FIGURATIVELY = frozenset({"recession", "blow", "victory", "defeat", "result", "promise",
                                    "address", "speech", "sermon", "eulogy", "lecture",
                                    "keynote", "statement", "remark",
                                    "performance", "rebuke", "message", "punch", "knockout", "win",
                                    "loss", "surprise", "shock", "setback", "return", "growth"})
# Outlets by the words of their names: "spoke with The Huffington Post"
OUTLET_WORDS = frozenset({"post", "times", "news", "journal", "herald", "tribune", "telegraph",
                          "guardian", "gazette", "press", "tv", "radio", "magazine", "reuters",
                          "afp", "bbc", "cnn", "msnbc", "fox", "abc", "nbc", "cbs", "npr",
                          "politico", "axios", "buzzfeed", "breitbart", "bloomberg", "economist",
                          "chronicle"})
# Words by which a passage is about an election: "Ted Cruz has captured Texas and
# Oklahoma" in a primary night's live blog, "crushed by Obama (69 million votes)"
ELECTION_WORDS = frozenset({"primary", "primaries", "caucus", "caucuses", "delegate", "vote",
                            "ballot", "election", "nomination", "poll", "precinct", "electoral",
                            "race", "candidate", "campaign", "nominee", "voter", "turnout",
                            "superdelegate", "point", "supporter", "contest", "result"})

# What an attack in words is made on, or called: "his attacks on the role of money in
# politics", "the Swift boat attacks on Kerry's military reputation", "a verbal attack"
ATTACKED_IN_WORDS = frozenset({"role", "reputation", "record", "character", "policy", "policies",
                               "remark", "comment", "statement", "view", "position", "integrity",
                               "credibility", "honesty", "judgment", "plan", "proposal", "agenda",
                               "verbal", "personal", "rhetorical", "scathing", "blistering",
                               "withering", "stinging", "populist", "partisan", "ad", "twitter",
                               "political", "racist", "sexist"})
