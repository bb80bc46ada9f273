"""A verb is an event only in the sense its reading names (events/senses.py and
its sense_* modules).

Each pair is a sentence where the verb is used in another sense (found in real
news: PolNeAR's articles, FNC-1's bodies, the demo corpus; reworded here) and one
where it is the act. The first of each pair was an event before the sense checks.
"""

from __future__ import annotations

import pytest

from fogwatch.analyze import Pipeline
from fogwatch.findings import Document

SENSES: list[tuple[str, str, str | None]] = [
    # naming someone is no request; calling for something is
    ("He has been called a charlatan by fellow doctors for promoting quack cures.",
     "called", None),
    ("The senator has called for new tariffs on steel.", "called", "REQUEST"),
    # a forecast is no threat; warning someone, or that one will act, is
    ("The IMF warned that the vote could depress growth for years.", "warned", None),
    ("Diplomats warned that the arrangement was fragile.", "warned", None),
    ("The militant leader warned Kenya that it would suffer further attacks.", "warned",
     "THREATEN"),
    ("Moscow warned that it would retaliate.", "warned", "THREATEN"),
    ("The security chief warned that police will no longer tolerate rallies.", "warned",
     "THREATEN"),
    # a traveller's flight is no deployment; flying troops in is
    ("The president flew to Anchorage on Friday.", "flew", None),
    ("Flags in Dnipro flew at half-mast.", "flew", None),
    ("Two commando platoons were flown into Pokrovsk.", "flown", "MOBILIZE"),
    # testing and producing are a show of arms only with arms
    ("The patient tested positive.", "tested", None),
    ("The refinery produces most of the country's petrol.", "produces", None),
    ("North Korea tested a ballistic missile.", "tested", "MOBILIZE"),
    ("Russia produced three million shells last year.", "produced", "MOBILIZE"),
    # an opinion shared is no agreement
    ("Only 52 percent of voters agreed that the senator is healthy.", "agreed", None),
    ("Sixty-two percent of Republicans agreed.", "agreed", None),
    ("The judge agreed with the plaintiff that there was no reason to intrude.", "agreed",
     None),
    ("Russia and Ukraine agreed to swap prisoners.", "agreed", "AGREE"),
    ("The Philippines and France agree that disputes should be resolved by arbitration.",
     "agree", "AGREE"),
    ("Eriador agrees with the Philippines that disputes should be resolved by arbitration.",
     "agrees", "AGREE"),
    # seizing an issue, or attention, takes nothing by force
    ("The brothers had seized on cap-and-trade as a political weapon.", "seized", None),
    ("The commander seized world attention with the mall attack.", "seized", None),
    ("Islamic State seized swaths of Iraq.", "seized", "COERCE"),
    # taking someone somewhere, or to social media, is no seizure
    ("The doctor took the candidate through a review of his health.", "took", None),
    ("Some of its members took to social media to deny it.", "took", None),
    ("Russian forces took Bakhmut in May.", "took", "COERCE"),
    ("The army took over.", "took over", "COERCE"),
    # going somewhere is not leading
    ("She boarded a shuttle bus as it headed to the venue.", "headed", None),
    # a falling figure declines nothing
    ("The senator has declined sharply in the polls since June.", "declined", None),
    ("The Supreme Court declined to hear the case.", "declined", "REJECT"),
    # arguing that something is so is a statement, which attributions hold
    ("They argue that the agency overstepped its authority.", "argue", None),
    # struggling to do something is difficulty
    ("The United Nations struggles to raise the money it needs.", "struggles", None),
    # pressing against a fence asks for nothing
    ("Viewers pressed against a fence, listening to the president.", "pressed", None),
    ("Washington pressed Kyiv to accept the plan.", "pressed", "REQUEST"),
    # speaking with an accent, or to a gathering, is no consultation
    ("The masked man spoke in the videos with a British accent.", "spoke", None),
    ("The candidate spoke to a gathering of fracking industry leaders.", "spoke", None),
    ("Rubio spoke to Russian foreign minister Sergei Lavrov.", "spoke", "CONSULT"),
    # asking not to be named is the reporter's formula for anonymity
    ("A resident, who asked not to be named, said people are trying to leave.", "asked",
     None),
    ("Zelensky asked Germany to send more air defence.", "asked", "REQUEST"),
    # giving a boost or leverage is no aid
    ("The rules gave the envoy the leverage he needed.", "gave", None),
    ("The United States gave Ukraine $2 billion in aid.", "gave", "AID"),
    # things assembled, and ideas reinforced, are no meeting or troops
    ("Canada is assembling a camp in Kuwait.", "assembling", None),
    ("This stigma was later reinforced by the former president.", "reinforced", None),
    ("Russia reinforced the garrison in Pokrovsk.", "reinforced", "MOBILIZE"),
    # passing through a checkpoint passes no law
    ("Guards inspect women who pass through checkpoints.", "pass", None),
    # hearing people say something is no consultation
    ("She said she hears people say that every day.", "hears", None),
    # attacking an idea is criticism, not force
    ("The candidate attacked the hateful ideology of the group.", "attacked", "ACCUSE"),
    ("Gunmen attacked an army patrol near the border.", "attacked", "ASSAULT"),
    # reporters gathering, a habit, a film exploring, a school attended
    ("Reporters are gathering outside the flat.", "gathering", None),
    ("Thousands gathered in Tbilisi.", "gathered", "CONSULT"),
    ("The latter tend to draw pupils from across the district.", "tend", None),
    ("They explore how black people were once brutalized.", "explore", None),
    ("It is the public school that her daughter attends.", "attends", None),
    ("Putin attended the summit in Tianjin.", "attended", "CONSULT"),
    ("He has given airtime to prominent anti-vaccine advocates.", "given", None),
    # struggling alone, falling to the ground, issuing rules, hanging around
    ("The senator has struggled where he succeeded.", "struggled", None),
    ("The honor guard dropped to the ground.", "dropped", None),
    ("Gunvor dropped its proposal to buy the assets.", "dropped", "RETREAT"),
    ("The agency issued the rules in 2015.", "issued", None),
    ("He described the people he hanged around with.", "hanged", None),
    ("The militants hanged two prisoners in the square.", "hanged", "ASSAULT"),
    # a career, a plea, news, a question, a journey to fight, a hostage shown
    ("The king trained as a pilot in Britain.", "trained", None),
    ("Her sister says she always believes the best in people. She ends with the plea: "
     "\u201cPlease let him live.\u201d", "ends", None),
    ("The king was in Washington when news broke of the pilot's death.", "broke", None),
    ("Ukrainian troops broke through the Russian lines.", "broke", "ASSAULT"),
    ("\u201cHad they fallen out with them? Were they escaping from him?\u201d asked Sajjan "
     "M. Gohel, the international security director at the Asia Pacific Foundation.",
     "asked", None),
    ("Thousands of Europeans travelled to Syria to fight against the regime.",
     "travelled", None),
    ("The hostage was paraded alive at the end of the video.", "paraded", None),
    ("Some observers have speculated that it took many trades.", "speculated", None),
    # a growing population, a post, a broadcast, a taunt, a message, a think tank
    ("The prison population has since exploded to 2.3 million.", "exploded", None),
    ("A car bomb exploded outside the ministry.", "exploded", "ASSAULT"),
    ("She occupies one of the key positions of power in Washington.", "occupies", None),
    ("Russian troops occupied the village.", "occupied", "COERCE"),
    ("Last week, I caught Larry King on his new television perch.", "caught", None),
    ("The spokesman said Trump is reduced to taunts and insults.", "reduced", None),
    ("That is the message this is sending to Moscow.", "sending", None),
    ("Luis Rubio, who heads the Center of Research for Development, disagreed.", "heads",
     None),
    # a law's authority, nature's force, a poll's share, a policy, a belief
    ("The Clean Air Act gives the Environmental Protection Agency the authority to act.",
     "gives", None),
    ("The rules cut emissions from coal-fired power plants, which gave Mr. Kerry and his "
     "team of climate diplomats the leverage they needed.", "gave", None),
    ("Villagers in Fiji have been forced from their homes by high seas.", "forced", None),
    ("Villagers have been forced from their homes by the militia.", "forced", "COERCE"),
    ("Clinton was supported by 42 percent of those responding.", "supported", None),
    ("The two Republican presidents introduced the War On Drugs.", "introduced", None),
    ("Many experts suspect those losses were generated by tax breaks.", "suspect", None),
    # principles, a phone call, a school, a weight, an office, a way out, a fire
    ("It is a country founded on the principles of liberty.", "founded", None),
    ("Al-Baghdadi himself has been calling up asking for his son to be released.",
     "calling up", None),
    ("Russia called up 300,000 reservists.", "called up", "MOBILIZE"),
    ("Nobody wants to bus their kids to go to a magnet school.", "go", None),
    ("Trump is 6 feet 3 inches tall and weighs 236 pounds.", "weighs", None),
    ("When you are campaigning for president, this hurts.", "campaigning", None),
    ("His family has been campaigning for his release ever since.", "campaigning",
     "REQUEST"),
    ("He was trying to find another way to get out.", "get out", None),
    ("The fact checkers rated 32% of the claims as pants on fire.", "fire", None),
    ("The gunmen opened fire on the convoy.", "fire", "ASSAULT"),
    ("Settlers set fire to the offices overnight.", "fire", "ASSAULT"),
    ("If we are to go to war, of course we have rifles.", "go", None),
    ("Orban went to Moscow in July.", "went", "CONSULT"),
    ("The suing states were exaggerating the regulatory reach of the agency.",
     "exaggerating", None),
    ("The Clinton campaign has sent marching orders to its media friends.", "sent", None),
    # a caution about a process, questions around a deal
    ("The spokesman cautions that the work of the security services could be harmed.",
     "cautions", None),
    ("But questions surrounded the purported agreement on Friday.", "surrounded", None),
    ("Russian forces surrounded the town on Friday.", "surrounded", "ASSAULT"),
    # saying again, evidence, sources that differ
    ("Peskov also repeated that the sanctions were illegal.", "repeated", None),
    ("We set out what we think the evidence supports.", "supports", None),
    ("The United States and Britain support some opposition groups.", "support", "SUPPORT"),
    ("Where sources disagree and we cannot decide, we say so.", "disagree", None),
    # an attack in words, a board, an escape, an inspiration
    ("Meanwhile, the paper attacked Trump, saying he has offended Hispanics.", "attacked",
     "ACCUSE"),
    ("A senior official of the board that oversees them disagreed.", "oversees", None),
    ("Dozens of classmates managed to escape.", "managed", None),
    ("The threat of global warming inspired Mr. Obama to act.", "inspired", None),
    # a medical test, production moved, help to elect, numbers that check out
    ("There is no laboratory facility in Mosul that could do an Ebola test.", "test", None),
    ("Businesses would be forced to relocate production.", "production", None),
    ("Russia has started mass production of the Oreshnik missile.", "production",
     "MOBILIZE"),
    ("The leak was meant to sow discord and to help elect Donald Trump.", "help", None),
    ("The numbers he used check out.", "check", None),
    ("The senator highlighted the girls' plight.", "highlighted", None),
    # a stage, a byline, a statue, a question, a dismissal, a preview, a big deal
    ("By the time those candidates hit the stage, most voters have heard them.", "hit",
     None),
    ("Two missiles hit a nine-storey building.", "hit", "ASSAULT"),
    ("Bryant Rousseau and Caryn Wilson contributed reporting.", "contributed", None),
    ("The client fired every question to him anyway.", "fired", None),
    ("Trump fired the FBI director in May.", "fired", None),
    ("Troops fired shots at the crowd.", "fired", "ASSAULT"),
    ("The gunman pulled up beside the car, firing five times at the driver.", "firing",
     "ASSAULT"),
    ("Coalition planes hit several targets on the edges of Raqqa.", "hit", "ASSAULT"),
    ("Mr. Obama, who was given a sneak peek of the museum recently with his family, "
     "spoke during his speech of the history.", "given", None),
    ("He has made a big deal about how much he knows.", "deal", None),
    ("Kyiv and Moscow made a deal on grain.", "deal", "AGREE"),
    # advice, joy, a state of being
    ("Downing Street cautions against the work of the security services being harmed.",
     "cautions", None),
    ("He was clearly rejoicing in the glorious history of the place.", "rejoicing", None),
    ("It is a world where women are rarely empowered.", "empowered", None),
    # backing out of a deal is a retreat, not support
    ("Washington backed out.", "backed out", "RETREAT"),
    # an attack in words: the fault it blames or the name it calls
    ("He attacked other candidates on stage for accepting his donations.", "attacked",
     "ACCUSE"),
    ("Reid has been steadily pounding Trump as a con artist.", "pounding", "ACCUSE"),
    ("Militants attacked the base for the second time this month.", "attacked", "ASSAULT"),
    ("Russian artillery pounded Ukrainian positions near Bakhmut.", "pounded", "ASSAULT"),
    # people fired in the passive are dismissed; rounds fired are shot
    ("Hundreds of employees were fired for their involvement.", "fired", None),
    ("Shells were fired at the village overnight.", "fired", "ASSAULT"),
    # a traveller with a garbled object, and flying missions
    ("Last week, President Obama flew here to swim with monk seals and draw attention to "
     "a quieter war - one he has waged against droughts.", "flew", None),
    ("Jordanian jets flew sorties over Raqqa.", "flew", "MOBILIZE"),
    # a written rule does nothing; a relation is no cooperation
    ("Typically DNC rules permit members to appoint proxies.", "permit", None),
    ("He helped shape the Fair Sentencing Act of 2010, which reduced the sentencing "
     "disparity between crack and powder cocaine.", "reduced", None),
    ("The police said it was connected to the detention of his relatives.", "connected",
     None),
    # facts gathered, advisers one surrounds oneself with, questions surrounding a death
    ("The facts of his death are still being gathered.", "gathered", None),
    ("The assembly line where drones were assembled was hit.", "assembled", None),
    ("He has surrounded himself with pro-Moscow advisers.", "surrounded", None),
    ("The facts surrounding his death are unclear.", "surrounding", None),
    ("Russian troops have surrounded the town.", "surrounded", "ASSAULT"),
    # a thing CAMEO's patterns act on is no doer; a weapon and a country are
    ("However, open-source information allows for some informed guesses.", "allows", None),
    ("The refinery, which supplies most of the country's fuel, was shut.", "supplies", None),
    ("A car bomb exploded near the embassy.", "exploded", "ASSAULT"),
    ("Many European countries agreed to share a single currency.", "agreed", "AGREE"),
    # a mother whose daughter was kidnapped did not kidnap her; a vehicle travelling
    # down a road visits no one
    ("A patrol vehicle travels down Florissant Road in Ferguson on Monday.", "travels",
     None),
    ("The president travelled to Beijing on Monday.", "travelled", "CONSULT"),
    # what might have been is no plan, nor is a noun that a verb only governs; a noun
    # is announced with a verb of doing it ("will hold talks")
    ("Ukraine would not have received significant aid from the United States.", "aid",
     "AID"),
    ("Any competent commander would have pulled them out weeks ago.", "pulled", "RETREAT"),
    ("It remains to be seen whether the conversation with Orban will influence Trump.",
     "conversation", "CONSULT"),
    ("Omeri insisted that the violence would not deter the negotiations.", "negotiations",
     "CONSULT"),
    ("The two sides will hold talks in Geneva.", "talks", "AGREE"),
    ("The talks will resume on Monday.", "talks", "AGREE"),
    # a film released, and a passive by no one who may act
    ("Levy called it a martyr city in his documentary Our War, released earlier this year.",
     "released", None),
    ("Ukraine may soon get a loan backed up by frozen Russian assets.", "backed", None),
    ("Twenty-nine people were injured by an explosion in Chelsea.", "injured", "ASSAULT"),
    # a campaign's rally is no protest; a host's guests and cookout are no diplomacy;
    # a bid for a seat is no sanction
    ('"It will be very fair," Trump said during a rally in Kenansville.', "rally", None),
    ("Trump held a campaign rally in Ohio.", "rally", None),
    ("Thousands joined a rally against the war in Tbilisi.", "rally", "PROTEST"),
    ('"I was curious," the Republican nominee said at a rally with supporters in Colorado.',
     "rally", None),
    ("She greeted 2,000 supporters at a rowdy rally late Saturday night in Houston.", "rally",
     None),
    ("A buzz of intrigue pulsed through the gathering: As he welcomed several hundred "
     "guests, Scott (D-Va.) was also launching his bid.", "welcomed", None),
    ("The EU welcomed the Ukrainian delegation.", "welcomed", "SUPPORT"),
    ("Even as he hosted his Labor Day cookout, he stood with his arms crossed.", "hosted",
     None),
    ("Turkey will host the talks in Istanbul.", "host", "AGREE"),
    ("Scott was also launching his unofficial bid for a U.S. Senate seat.", "launching",
     None),
    # an agreement extracted in talks is no seizure
    ("After tense negotiations, they extracted an agreement to cut emissions.", "extracted",
     None),
    # a candidate who captures a state wins its votes; a force takes ground
    ("Ted Cruz has captured Texas and Oklahoma. Trump, who has a commanding lead in delegates, "
     "mocked Rubio.", "captured", None),
    ("Russian forces captured Pokrovsk.", "captured", "COERCE"),
    # ... and a leader named for his forces, outside an election, takes ground
    ("Assad captured Aleppo in December.", "captured", "COERCE"),
    ("Putin crushed Ukraine's defenses.", "crushed", "ASSAULT"),
    ("Israel and Hamas squared off in Gaza.", "squared off", "ASSAULT"),
    ("Russia agreed, saying the deal was fair.", "agreed", "AGREE"),
    # (a body's vote against is a rejection)
    ("The Knesset voted against Netanyahu.", "voted", "REJECT"),
    # taking photos or steps seizes nothing
    ("When Williams approached him and took photos of the damaged aircraft, he froze.",
     "took", None),
    ("The hospital is taking the appropriate steps.", "taking", None),
    ("Rebels took the town on Monday.", "took", "COERCE"),
    # walking up to someone is no consultation; approaching them with a proposal is
    ("When Williams approached him and took photos of the damaged aircraft, he froze.",
     "approached", None),
    ("Qatar approached Hamas to propose a truce.", "approached", "CONSULT"),
    # a court strikes down a law; a sniper strikes down a man
    ("Citizens United, which struck down limits on political contributions, is in jeopardy.",
     "struck", None),
    ("The judge was struck down by a sniper.", "struck", "ASSAULT"),
    # candidates square off in a debate
    ("A dozen Republicans who want to be president squared off in Des Moines.", "squared off",
     None),
    # words offered are no offer; aid offered is
    ("Trump offered an emotional defense of the city during the debate.", "offered", None),
    ("Russia offered assistance to Syria.", "offered", "AGREE"),
    # a likely outcome is no assurance
    ("With 222 delegates at stake, she is assured of winning at least 120.", "assured", None),
    # a candidate's campaign suspended is no sanction; talks suspended are
    ("John Kasich suspended his presidential campaign on Wednesday.", "suspended", None),
    ("The EU suspended talks with Ankara.", "suspended", "SANCTION"),
    # an interviewer's question opening the answer is no request
    ("Asked for comment, a Pentagon spokesman declined to say more.", "Asked", None),
    ("The minister asked Congress to approve the aid.", "asked", "REQUEST"),
    # a retort is no shot
    ('Hunter shot back that he "asked the Border Patrol."', "shot", None),
    ("Soldiers shot the protesters.", "shot", "ASSAULT"),
    # research into a subject investigates no one
    ("Robert Mason, a professor who has researched the spread of false information, said "
     "so.", "researched", None),
    # a race dominated by candidates is no battle
    ("It is a race that has been dominated by Trump and Cruz.", "dominated", None),
    # a copy pulled from a pocket, a car pulled up: no seizure; pulling out of a country
    ("Khizr Khan pulled his worn copy of the Constitution from his pocket.", "pulled", None),
    ("Perez pulls up to a roadside tavern.", "pulls", None),
    ("His life is threatened if the United States does not pull out of Iraq.", "pull",
     "RETREAT"),
    # moods encountered are no meeting
    ("I have often encountered other emotional notes from people.", "encountered", None),
    # a campaign team gearing up is preparing
    ("Rubio's fundraising team is gearing up for an expensive next phase.", "gearing up", None),
    # seeking to do something is trying; seeking aid is a request
    ("Fiorina has often sought to characterize her tenure as a success.", "sought", None),
    ("Kyiv sought military aid from Berlin.", "sought", "REQUEST"),
    # a video removed is no expulsion
    ("About 20 minutes after posting the video was removed from YouTube.", "removed", None),
    ("The junta removed the president.", "removed", "COERCE"),
    # voters voting is an election; a body voting is a decision
    ("They are naturalized citizens who have voted for both Democrats and Republicans.",
     "voted", None),
    ("Activists won slots in districts that had voted for someone else.", "voted", None),
    ("Parliament voted for the resolution.", "voted", "AGREE"),
    ("UN member states voted for the resolution.", "voted", "AGREE"),
    ("Americans backed the Kurds in Syria.", "backed", "SUPPORT"),
    # defending one's own decision supports no one
    ("She defended her decision to press ahead.", "defended", None),
    ("France defended Ukraine's right to strike back.", "defended", "SUPPORT"),
    # a candidate greeting voters, reporters gathered: campaigning and waiting
    ("Bill Clinton greeted voters inside a polling location in Boston.", "greeted", None),
    ("Reporters have been gathered for hours in a room at his estate.", "gathered", None),
    # a crisis that strikes is no attacker
    ("Social sites overflow when crisis strikes Paris.", "strikes", None),
    # a plea of guilty is no request; pleading with someone is
    ("Petraeus pleaded guilty to a misdemeanor charge.", "pleaded", None),
    ("The mother pleaded with the kidnappers to release her son.", "pleaded", "REQUEST"),
    # survey respondents volunteer nothing; a state volunteering to mediate offers to act
    ("Respondents volunteered to take surveys.", "volunteered", None),
    ("Turkey volunteered to mediate between Kyiv and Moscow.", "volunteered", "AGREE"),
    # a poll's shares are no support
    ("Female troops preferred Clinton 51 percent to 24 percent.", "preferred", None),
    ("Male troops backed Trump, 57 percent to 22 percent.", "backed", None),
    ("Women back him by almost 20 points.", "back", None),
    ("Russia backed the Syrian government.", "backed", "SUPPORT"),
    # taking over a post is no seizure
    ("Helen Aguirre Ferre, who took over as head of Hispanic communications, said so.",
     "took over", None),
    ("The rebels took over the city.", "took over", "COERCE"),
    # words delivered, supplied or given are no aid
    ("Wanted: Islamic State group chief Abu Bakr al-Baghdadi, who has a $10 million price on "
     "his head, delivers a sermon at a mosque in Iraq in July.", "delivers", None),
    ("The Observatory is a U.K.-based group that has a network of antigovernment activists in "
     "Syria who supply accounts on fighting in the country.", "supply", None),
    ("Unsolicited advice is given to the president.", "given", None),
    # verbs that are an act only with certain objects
    ("Authorities are conducting DNA analysis to identify the victims.", "conducting", None),
    ("The inspector general determined that some of the emails contained classified "
     "material.", "determined", None),
    ("Mr Vickers has been hailed as a hero.", "hailed", None),
    ("Nabisco is laying off workers as it expands operations in Mexico.", "expands", None),
    # a reporter's question is no request
    ("A reporter asked: Did they talk about the wall?", "asked", None),
    # a contest for the top spot is no battle; a fight for a city is
    ("Donald Trump, who is battling Carson for the top spot in many polls, spoke.",
     "battling", None),
    ("The army is battling for control of the city.", "battling", "ASSAULT"),
    # a word of another verb's pattern is nothing acted on: holding positions, rescuing
    # the economy
    ("Trump has held left-leaning positions on numerous issues over the years.", "held", None),
    ("He implemented Wall Street reforms and rescued the economy from almost total collapse.",
     "rescued", None),
    ("Border agents apprehended ten individuals.", "apprehended", "COERCE"),
    ("Ukrainian troops held their positions near Bakhmut.", "held", "COERCE"),
    # people engaged in politics are involved, not attacked
    ("All the samples evaluated include more politically and civically engaged individuals "
     "than benchmark sources indicate should be present.", "engaged", None),
    # voters' support is an electorate's leaning; a state's support is an act
    ("In places like South Carolina, African-American voters overwhelmingly support the "
     "president.", "support", None),
    ("Russia supports the Syrian government.", "supports", "SUPPORT"),
    # a poll's question is no request
    ("But when voters were asked who would bring needed change to Washington, Trump led.",
     "asked", None),
    # a camera captures no ground
    ("Satellite imagery captured the deployment of U.S. troops.", "captured", None),
    # one person beating another, or sweeping a region, is an election; an army crushing a
    # revolt is force
    ("As ballots were counted, Clinton was sweeping much of the South, winning Alabama.",
     "sweeping", None),
    ("John McCain got nearly 60 million votes and was crushed by Obama in 2008.", "crushed",
     None),
    ("The army crushed the revolt.", "crushed", "ASSAULT"),
    # grappling with a question is thinking
    ("Her advisers are grappling with how to convince swing voters.", "grappling", None),
    # a speech ended is no sanction
    ("The Stanford graduate ended her speech by quoting Leonardo da Vinci.", "ended", None),
    # a candidate shooting back in a statement retorts; troops shooting back fire
    ("Trump shot back in a statement, saying he made money in down markets.", "shot", None),
    ("Troops shot back at the attackers.", "shot", "ASSAULT"),
    # voters targeted by a campaign are courted; a depot targeted by drones is attacked
    ("Biden will court the working class voters that Donald Trump is targeting.",
     "targeting", None),
    ("The drones targeted a fuel depot.", "targeted", "ASSAULT"),
    # a candidate's rallies are his campaign's
    ("Punches have already been thrown at Trump rallies, including last week in San Jose.",
     "rallies", None),
    # a platform lent is no loan
    ("On other days, he has lent his prime-time platform to wild accusations.", "lent", None),
    # delegates or footage captured are won or filmed, not seized
    ("Clinton had captured 1,944 delegates heading into Tuesday's primaries.", "captured",
     None),
    ("Residents of Raqqa have captured photo and video footage of remotely-piloted planes.",
     "captured", None),
    # recognizing that something is so is realizing it
    ("The people finally recognize that the king has no clothes.", "recognize", None),
    # a feeling is no criticism
    ("Neighbours genuinely shocked at this morning's revelation.", "shocked", None),
    ("What difference does it make? Chuck Todd was shocked.", "shocked", None),
    # being equipped to do something is being able to; equipping a brigade is aid
    ("The message is one that he is singularly equipped to deliver.", "equipped", None),
    ("Washington equipped the brigade with armored vehicles.", "equipped", "COOPERATE"),
    # one pundit agreeing is an opinion; two states agreeing is an agreement
    ("The Washington Post's Liz Sly agreed, saying the drops apparently went awry.", "agreed",
     None),
    ("Kyiv and Moscow agreed.", "agreed", "AGREE"),
    # appointing supporters to committees sets up no inquiry
    ("In January, Wasserman Schultz appointed dozens of Clinton supporters to the three "
     "standing committees.", "appointed", None),
    # one candidate damaging another is politics; a bombing damaging a bridge is force
    ("Supporters are irritated by his ever-presence in the race and nervous that he is "
     "damaging Clinton.", "damaging", None),
    ("The bombing damaged the bridge.", "damaged", "ASSAULT"),
    # accomplishments enable nothing; a statement urges for its authors
    ("Israel has great accomplishments that have enabled the state to survive.", "enabled",
     None),
    ("The statement urged Americans and their leaders to avoid condemning refugees.", "urged",
     "REQUEST"),
    # a job that is demanding asks nothing; protesters demanding a release do
    ("The Obamas cut back the ritual in part because it is demanding and time-consuming.",
     "demanding", None),
    ("Protesters demanded the release of the students.", "demanded", "REQUEST"),
    # decisions delivered by a court are words, not aid
    ("The court delivered liberal decisions at a rate not seen since the 1960s.", "delivered",
     None),
    # an event gives no aid: "the capture ... provides the government with a chip"
    ("By some accounts, the capture of Baghdadi's wife and son provides the Lebanese "
     "government with a valuable bargaining chip.", "provides", None),
    # a party torn apart, a microphone passed, a chord struck, wallets hit by costs
    ("Trump is a blowhard billionaire who is tearing the GOP apart.", "tearing", None),
    ("Instead she passed the microphone to a New Mexico delegate.", "passed", None),
    ("Sanders also struck a chord with his attacks on the role of money in politics.",
     "struck", None),
    ("The increasing costs of a college education have hit people's wallets hard.", "hit",
     None),
    # a byline is no aid
    ("Associated Press writer Jill Colvin contributed from Albuquerque.", "contributed", None),
    # forced by no one to face a threat: a circumstance; forced to flee: coercion
    ("Americans are once again forced to face the threat of terrorism.", "forced", None),
    ("Thousands of villagers were forced to flee.", "forced", "COERCE"),
    # a candidate railing at a rally speaks from its stage
    ("Curiel's order came the same day that Trump railed against the judge at a boisterous "
     "San Diego rally.", "rally", None),
    # an attack in words on a record or a rival is criticism; on a convoy it is an attack
    ("Sanders also struck a chord with his attacks on the role of money in politics.",
     "attacks", "ACCUSE"),
    ("Donald Trump unleashed a harsh attack on Ben Carson last night, comparing Carson to a "
     "child molester.", "attack", "ACCUSE"),
    ("Donald Trump unleashed a harsh attack on Ben Carson last night, comparing Carson to a "
     "child molester.", "unleashed", None),
    ("Rebels launched an attack on the airport.", "attack", "ASSAULT"),
    ("Photos of King Abdullah's first personal air attack on ISIS spread.", "attack", "ASSAULT"),
    # a mood captured, a recession delivered, an experience examined
    ("He is capturing the frustration of many Americans.", "capturing", None),
    ("But Wall Street, instead of spreading prosperity, delivered the worst recession the "
     "world had seen since the 1930s.", "delivered", None),
    ("Turkey delivered aid to Syria.", "delivered", "AID"),
    ("They examined the experience of American workers after China erupted onto world "
     "markets.", "examined", None),
    # a hard moment confronted is no meeting; police confronting protesters is
    ("Senator Marco Rubio has confronted what may have been the most challenging moment of "
     "his campaign.", "confronted", None),
    ("Police confronted the protesters.", "confronted", "CONSULT"),
    # an outlet spoken with is the press
    ("Current and former officials who spoke with The Huffington Post said the organization "
     "has become a shell.", "spoke", None),
    ("Putin spoke with Erdogan on Tuesday.", "spoke", "CONSULT"),
    # a sum targets no one
    ("Trump was targeted by $4.4 million in attacks from liberal outside groups.", "targeted",
     None),
    # approaches offered to voters, a given, a name dropped, an identity shielded
    ("Clinton and Sanders offered Iowa voters different approaches to the presidency.",
     "offered", None),
    ("Now it's a given that her decision will depend on the Murdochs.", "given", None),
    ("At other times he apparently dropped the Abdul.", "dropped", None),
    ("German officials have shielded the full identity of Kreshnik B.", "shielded", None),
    # a candidate doing anything at a rally speaks from its stage
    ("At a rally in Portland, Maine, on Thursday afternoon, Trump included the Philippines in "
     "a list.", "rally", None),
    # a force controlling ground holds it; a method note's "controlled by one side" and
    # "no one controls the black vote" hold none
    ("The militants now control much of eastern Syria.", "control", "COERCE"),
    ("We mark an area as controlled by one side only when two sources agree.", "controlled",
     None),
    ("No one controls the black vote.", "controls", None),
    # contending that something is so is arguing
    ("He contends that Democrats are concerned because the debate would be held late.",
     "contends", None),
    # fighters sweeping across a border advance; CAMEO's bare "sweep" is an inquiry
    ("In April, Islamic State fighters swept across the border into northern Iraq.", "swept",
     None),
    # a candidate launching his campaign runs for office; the UN launching one appeals
    ("The candidate launched his campaign by declaring that Mexican immigrants were "
     "criminals.", "launched", None),
    ("The UN launched a campaign to raise funds for refugees.", "launched", "REQUEST"),
    # a subject the parse loses is still no force
    ("Nigeria on Friday claimed to have reached a deal with Boko Haram militants on a "
     "ceasefire and the release of more than 200 kidnapped schoolgirls but doubts "
     "immediately surrounded the purported breakthrough.", "surrounded", None),
    # conceding that something is so admits it in words; conceding ground yields
    ('"We know how Wyoming is going to go," the adviser conceded in an interview.',
     "conceded", None),
    ("The minister conceded that the plan had flaws.", "conceded", None),
    ("The government conceded the disputed territory to the rebels.", "conceded", "CONCEDE"),
    # dealing with rumors handles them; dealing with a state engages it
    ("The administration is dealing with rumors about the investigation.", "dealing", None),
    ("Washington dealt directly with Tehran.", "dealt", "SUPPORT"),
    # a task falling to a body is no retreat; a city falling to a force is
    ("It falls to the European Parliament to provide an opinion on the ruling.", "falls",
     None),
    ("Mosul fell to the Islamic State in June.", "fell", "RETREAT"),
    # helping steady a campaign aids no one; helping arm a militia aids it
    ("George Bush helped steady his campaigns with victories in the primary there.",
     "helped", None),
    ("Iran helped arm the Houthis.", "helped", "AID"),
    # occupying the spotlight holds it; occupying a town seizes it
    ("Warren and Biden have occupied the spotlight.", "occupied", None),
    ("Russian troops occupied the town.", "occupied", "COERCE"),
    # asking to remain anonymous requests nothing
    ("An army officer, who asked to remain anonymous, said no order had come.", "asked",
     None),
    # a share polled agrees with no one, however it is given
    ("Slightly more than a third of independents, 35%, agree.", "agree", None),
    # a hyphenated participle after "is" describes
    ("Part of that is wallet-related: he is one of the poorest senators.", "related", None),
    # a candidate catching fire with activists catches no one; police catching suspects do
    ("The senator quickly caught fire with the party's grass-roots activists.", "caught",
     None),
    ("Police caught the suspects near the border.", "caught", "COERCE"),
    # "it took a war for them to ..." needed a war; taking a town seizes it
    ("It took a three-decades-long war for the Eritreans to liberate themselves.", "took",
     None),
    # cutting the number of polling places disarms no one; cutting troops does
    ("Maricopa County cut the number of polling places from 400 to 60.", "cut", None),
    ("The army cut the number of troops in the east.", "cut", "RETREAT"),
    # holding elections is a vote, not an agreement
    ("In May 2005 Ethiopia held elections and invited observers.", "held", None),
    # speeches given are words
    ("The phrase has appeared in various speeches the judge has given, where she talked "
     "about her background.", "given", None),
    # a state overtaking a rival in trade passes it; rebels overtaking a base attack it
    ("China has overtaken Russia to become Central Asia's biggest trade partner.",
     "overtaken", None),
    ("Rebels overtook the army base.", "overtook", "ASSAULT"),
    # bombarded with calls, not shells
    ("His company has been bombarded with hate calls at its office.", "bombarded", None),
    ("Russia bombarded Kharkiv with missiles.", "bombarded", "ASSAULT"),
    # paying for ads buys them; paying a state is a transfer
    ("That outside help comes at a steep price and pays for fewer ads.", "pays", None),
    ("The United States paid Iran $1.7 billion.", "paid", "COOPERATE"),
    # vitriol directed at a people is words
    ("Given the vitriol he has directed at Latinos, he cannot win the state.", "directed",
     None),
    # doors guarded by security protect no one; troops guarding a president do
    ("The talks were held behind closed doors, which were guarded by security.", "guarded",
     None),
    ("Troops guarded the president.", "guarded", "AID"),
    # a power surrendering its authority loses standing; rebels surrendering arms retreat
    ("The country has surrendered its authority and leadership to allies.", "surrendered",
     None),
    ("The rebels surrendered their weapons.", "surrendered", "RETREAT"),
    # "Thank you" closes a speech; thanking a state praises it
    ("Thank you very much.", "Thank", None),
    ("Zelensky thanked Britain for the missiles.", "thanked", "SUPPORT"),
    # "it is alleged that" frames a report
    ("It is alleged that the young Londoner tried to reach Somalia.", "alleged", None),
    # besting a rival's vote total wins an election
    ("In Missouri, both Trump and Cruz bested Clinton's vote total by nearly 20 percent in "
     "the primary.", "bested", None),
    # a time given is a deadline
    ("Al Ansi gave the US government three days to meet the demands.", "gave", None),
    ("Britain gave Ukraine 50 tanks last month.", "gave", "AID"),
    # advice lent is words
    ("There are questions about how much advice Mr. Ailes was lending to Mr. Trump.",
     "lending", None),
    # pondering and overshadowing happen in the mind and the news
    ("Dr. Babar pondered who might testify for them.", "pondered", None),
    ("Sanders overshadowed the debate with an apology.", "overshadowed", None),
    # a gym hosting a boxing class meets no one
    ("The 5th Street Gym hosts a boxing class named after him.", "hosts", None),
    # an incident and a fact are no doers
    ("The sailors were released, but the incident still provided timely ammunition for the "
     "critics.", "provided", None),
    ("That helped the yen surge as investors priced in fewer yen.", "helped", None),
    # "it" warns of an act only when what it will do is one
    ('Conceding that a trade agreement was likely, he warned: "It\'s not going to happen '
     'any time soon."', "warned", None),
    # taking someone on challenges them; taking over a leadership succeeds to it
    ("Mr. Trump took on Hillary Clinton on Sunday.", "took", None),
    ("Godane took over the leadership of al-Shabaab in 2008.", "took over", None),
    # a candidate ending a campaign leaves a race; a state ending talks breaks them off
    ("Rubio ended his campaign earlier Tuesday after a loss to Trump in Florida's primary.",
     "ended", None),
    ("Russia ended the talks.", "ended", "SANCTION"),
    # closing the door on a probe is a figure of speech; closing a border is a sanction
    ("Lynch closes the door on the Clinton probe.", "closes", None),
    ("Turkey closed the border.", "closed", "SANCTION"),
    # caught in an exchange or the crossfire, not in a place
    ("The second incident occurred when he was caught in another sexting exchange.",
     "caught", None),
    ("Two men were caught in Calais.", "caught", "COERCE"),
    # a poll gives no one anything
    ("The CBS poll gave Clinton a much higher lead than other polls.", "gave", None),
    # rhetoric exchanged is words; prisoners exchanged are people
    ("Kasich steered clear of the belligerent rhetoric exchanged by his GOP rivals.",
     "exchanged", None),
    ("Kasich steered clear of the belligerent rhetoric exchanged by his GOP rivals.",
     "steered", None),
    # investing in fixing up a resort buys something
    ("The developer invested far more in fixing up the resort.", "invested", None),
    # a crowd's ovation is no state's greeting
    ("At his town hall, where he was greeted with a standing ovation, Obama spoke.",
     "greeted", None),
    # suspecting a thing is a belief; suspecting someone accuses them
    ("He could not identify the cause, but suspected a chemical weapon.", "suspected", None),
    ("Police suspected him of the killing.", "suspected", "ACCUSE"),
    # holding on to positions of power keeps them; emerging from a meeting leaves it
    ("As long as men hold on to positions of power, there will be moaning.", "hold", None),
    ("They emerged from the meeting, vowing to continue the fight.", "emerged", None),
    # a byline
    ("Contributing: Brittney Bennett and Greg Toppo, USA TODAY.", "Contributing", None),
    # signing up enrolls; signing a treaty supports it
    ("Kevin McCarthy signs up to be a Trump delegate.", "signs", None),
    ("Xi and Putin signed a treaty in May.", "signed", "SUPPORT"),
    # a deadlock destroying a plan is a figure of speech; missiles destroying a bridge are not
    ("A second deadlock effectively destroyed President Obama's plan to shield immigrants.",
     "destroyed", None),
    ("Russian missiles destroyed the bridge.", "destroyed", "ASSAULT"),
    # falling to 10 percent in a poll retreats from nothing
    ("But he fell to 10 percent in the latest CNN poll released Wednesday.", "fell", None),
    # a plane taking off and a justice taking charge seize nothing
    ("He found his passport right before the plane took off.", "took", None),
    ("There have been five versions of the court since the chief justice took charge in "
     "2005.", "took", None),
    # delivering on threats is keeping them; delivering weapons is aid
    ("The militant group has delivered on many of its threats.", "delivered", None),
    ("American planes delivered weapons and medical supplies to YPG fighters at dawn on "
     "Sunday.", "delivered", "AID"),
    # a memo sent to a newspaper, a tweet unleashed: words
    ("He sent a two-page memo to The Washington Post in April explaining his plan.", "sent",
     None),
    ("The 30-year-old followed those bars up with a tweet, which he unleashed in 2009.",
     "unleashed", None),
    # voters ending decades of dominance sanction no one
    ("Spain braced for uncertainty after voters ended decades of two-party dominance.",
     "ended", None),
    # matched up in a poll
    ("When Kasich is matched up against Clinton, 45 percent of registered voters said they "
     "would vote for him.", "matched", None),
    # seeking to ease worries, or seeking re-election, asks no one for anything
    ("Barack Obama sought on Wednesday to ease growing Asian worries about the election.",
     "sought", None),
    # caught short by competitors; visiting a sister; leaving behind children
    ("Automakers lost billions when they were caught short by Japanese competitors.",
     "caught", None),
    ("She had been visiting her sister in Paris.", "visiting", None),
    ("Obama visited Hanoi.", "visited", "CONSULT"),
    ("Heslouin, a Frenchman, leaves behind four other children.", "leaves", None),
    # "raged" is no riot
    ("The al Qaeda offshoot controls up to a third of Syria, whose civil war pitting rebel "
     "groups against the regime of President Bashar al-Assad has raged for three years.",
     "raged", None),
    # a position on an issue rejects no one; opposing a move does
    ("Rubio personally opposes same-sex marriage.", "opposes", None),
    ("All of the GOP candidates oppose Obama's executive actions on immigration.", "oppose",
     "REJECT"),
    # news promoted, news monitored, one's family contacted
    ("Cruz's allies promoted the news as a positive sign.", "promoted", None),
    ("We are monitoring the news with huge expectations.", "monitoring", None),
    ("Police are monitoring the suspects.", "monitoring", "ACCUSE"),
    ("Once in Syria, Emwazi contacted his family.", "contacted", None),
    # invested in a party as an adjective; rivals billing themselves as outsiders
    ("In 1848 the Whigs went with a candidate who was invested in neither their party nor "
     "its principles.", "invested", None),
    ("Rivals billed themselves as outsiders.", "billed", None),
    # pushing back against a claim answers it; pushing back the Russians is force
    ("Homeland Security Secretary Jeh Johnson is pushing back against a claim made by Rep. "
     "Duncan Hunter.", "pushing back", None),
    ("Ukrainian troops pushed back the Russians.", "pushed back", "ASSAULT"),
    # beating a field of candidates wins a nomination
    ("In the 2016 election, Trump beat a large field of 16 GOP candidates to clinch the "
     "nomination.", "beat", None),
    # an opening given, a room ensured, a share polled
    ("McAuliffe's comment risks undermining her credibility, and it gives Donald Trump a "
     "bigger opening into the anti-free-trade vote.", "gives", None),
    ("Their union has ensured that a room is open.", "ensured", None),
    ("About 6 in 10 white men supported Sanders.", "supported", None),
    # one person agreeing shares an opinion; a state agreeing agrees
    ("Officials met on Monday. Iowa State University's Dianne Bystrom agreed.", "agreed",
     None),
    ("Officials met on Monday. Iran agreed.", "agreed", "AGREE"),
    # defending oneself supports no one
    ("Curt Schilling defended himself against accusations of racism.", "defended", None),
    # tax credits increasing pay build up no forces; a state increasing troops does
    ("By contrast, increases since 1986 in tax credits for workers, which hardly simplify "
     "the tax code, have increased by 7 percent the take-home pay of a family.", "increased",
     None),
    ("Russia increased its troops in the east.", "increased", "MOBILIZE"),
    # a wave receding concedes nothing
    # pushing back on a story line, a union's nod, a talk with a writer, feeling compelled,
    # sons sent to college: none of CAMEO's acts
    ("What I don't think they're spending enough time doing is pushing back on the story "
     "line that what we did was a failure.", "pushing back", None),
    ("Officials met. Two holdout unions gave Clinton their nod.", "gave", None),
    ("He later spoke with POLITICO senior writer Michael Grunwald.", "spoke", None),
    ("Kerry spoke with Lavrov.", "spoke", "CONSULT"),
    ("AFL-CIO President Richard Trumka felt compelled last July to issue a memo.",
     "compelled", None),
    ("Russia compelled Ukraine to withdraw.", "compelled", "COERCE"),
    ("He and his wife raised two sons and sent them to top-ranked colleges.", "sent", None),
    # a byline; a defense delivered, e-mails submitted and released: words
    ("Officials met on Monday. Nolan McCaskill contributed.", "contributed", None),
    ("Donald Trump has delivered an impassioned defense of New York values.", "delivered",
     None),
    ("While not all of the e-mails she submitted to the State Department have been released, "
     "most are routine.", "released", None),
    ("While not all of the e-mails she submitted to the State Department have been released, "
     "most are routine.", "submitted", None),
    ("Israel released all of the prisoners.", "released", "RETREAT"),
    # an ad targets no one by force; a candidate pushing back answers
    ("The ad targets a corrupt political system.", "targets", None),
    ("Bernie Sanders is pushing back, questioning Clinton's judgment in supporting the war.",
     "pushing back", None),
    ("But since cresting in New Hampshire, his ''Feel the Bern'' wave has receded with no "
     "sign of intensification as the contest shifts to larger states.", "receded", None),
    # declining to speak is CAMEO's "decline comment", no rejection; declining to act is
    ("He also declined to tell reporters who had told him about the report.", "declined",
     None),
    ("The ministry declined to give details.", "declined", None),
    ("The minister has declined to resign despite growing pressure.", "declined", "REJECT"),
    # armed with evidence is no arms
    ("He was armed with fresh evidence after Tuesday's contests.", "armed", None),
    ("The United States armed the rebels with anti-tank missiles.", "armed", "AID"),
    # giving is aid only when what is given is: campaign news gives advice, issues,
    # appointments and speaking slots
    ("The candidate gave those attending the rally some free investing advice.", "gave", None),
    ("Voters gave us plenty to think about in 2015.", "gave", None),
    ("She gave a shout out to the vice president.", "gave", None),
    ("The governor again gave her a plum appointment.", "gave", None),
    ("The state party gave him an untimely speaking slot.", "gave", None),
    ("The king gave the refugees shelter.", "gave", "AID"),
    ("Lobbyists are giving thousands of dollars to her campaign.", "giving", "AID"),
    ("A longtime donor has given more than $400,000 to candidates.", "given", "AID"),
    ("Apparently, the senator did not give up.", "give up", "REJECT"),
    # a question put is no request
    ("Sanders asked rhetorically, shaking his head.", "asked", None),
    ('The anchor asked, "You think the director would like to indict them both?"', "asked",
     None),
    ("The man, who asked that his identity not be revealed, lives near the site.", "asked",
     None),
    ("Sanders was asked to name a specific decision Clinton made.", "asked", None),
    ("Texas asked a federal judge to block the rules.", "asked", "REQUEST"),
    # a speech or a tour closed, a tune struck, the phones hit, a tax that hits, a scene
    # captured on video or in audio: no force
    ("The candidate closed her victory speech with a tribute to the activist.", "closed",
     None),
    ("Cruz closed out his New Hampshire tour with only sparing mention of his rivals.",
     "closed", None),
    ("Turkey closed its border with Syria.", "closed", "SANCTION"),
    ("His campaign manager struck a similar tune.", "struck", None),
    ("The campaign and the party struck a joint fundraising deal.", "struck", None),
    ("Warplanes struck militant positions on Friday.", "struck", "ASSAULT"),
    ("Grayson hit the phones on behalf of his wife.", "hit", None),
    ("The tax hit their benefits.", "hit", None),
    ("The confrontation was captured on video from several angles.", "captured", None),
    ("The chat service captured audio of the shooting.", "captured", None),
    ("The rebels captured the town.", "captured", "COERCE"),
    # a video shot is filmed; candidates fighting about a legacy argue
    ("The group posted the video of his death, shot in an unknown location, online.",
     "shot", None),
    ("Police shot the gunman.", "shot", "ASSAULT"),
    ("The two candidates are fighting about Obama's legacy.", "fighting", None),
    ("Kurdish forces are fighting for the town.", "fighting", "ASSAULT"),
    # cutting from a body is an assault, not a sanction
    ("The militants cut off his head.", "cut off", "ASSAULT"),
    ("A mob dragged him into a shop where his hand was severed with a meat cleaver.",
     "severed", "ASSAULT"),
    ("The government severed ties with Qatar.", "severed", "SANCTION"),
    # a present simple with an adverb of habit tells a habit, not an event
    ("On the campaign trail, the senator regularly pledges to fight for workers.", "pledges",
     None),
    ("The senator pledged to fight for workers.", "pledged", "AGREE"),
    ("Russia has repeatedly shelled the town.", "shelled", "ASSAULT"),
    # an attack told by the quotation it introduces, or made from a stage, is in words
    ('"France will always be France," an angry Hollande retaliated.', "retaliated", "ACCUSE"),
    ("Khan viciously attacked me from the stage of the convention.", "attacked", "ACCUSE"),
    ("The rebels attacked the town from the hills.", "attacked", "ASSAULT"),
    # proposals rolled out are no arms
    ("She has rolled out proposals to increase regulation of hedge funds.", "rolled out",
     None),
    ("Putin rolls out new missiles.", "rolls out", "MOBILIZE"),
    # feelings are no protest
    ("It bothers me very much that the campaign sends press releases.", "bothers", None),
    ("The senator was disturbed by the news.", "disturbed", None),
    # hurting is an attack when people are hurt or force hurts them
    ("He took advantage of bankruptcy laws to hurt the little people.", "hurt", None),
    ("People are hurting in this country.", "hurting", None),
    ("Twelve people were hurt in the blast.", "hurt", "ASSAULT"),
    ("The gunman hurt three people.", "hurt", "ASSAULT"),
    # attending a rally is taking part in it, no visit
    ("Thousands attended a rally in Tbilisi on Saturday.", "attended", None),
    ("The minister attended the summit in Brussels.", "attended", "CONSULT"),
    # a share of a vote taken, things around a casket, a record broken, debts paid, an
    # address delivered, a speech closed out: no force, no aid
    ("The former governor took just 6 percent of the national vote.", "took", None),
    ("The army took the town.", "took", "COERCE"),
    ("Photographs surround the casket.", "surround", None),
    ("The rebels surrounded the town.", "surrounded", "ASSAULT"),
    ("On July 20, the judge officially broke the record of Justice Brandeis.", "broke", None),
    ("The rebels broke the siege of the city.", "broke", "ASSAULT"),
    ("She had just paid off her student loans.", "paid", None),
    ("Obama delivered his last State of the Union Address.", "delivered", None),
    ("The United States delivered Patriot missiles to Ukraine.", "delivered", "AID"),
    ('"We really can win on Tuesday," said Sanders as he closed out.', "closed", None),
    # rats killed, a heart attack, threats aimed at someone, a family gathering
    ("Several experiments on GMOs even killed rats in laboratories.", "killed", None),
    ("The militants killed 12 people and 200 cattle.", "killed", "ASSAULT"),
    ("His father died of a heart attack in 2011.", "attack", None),
    ("The attack killed ten people.", "attack", "ASSAULT"),
    ("He is under guard after death threats were aimed at him.", "aimed", None),
    ("The soldier's family gathered at homes in their hometown.", "gathered", None),
    ("Leaders gathered in Paris.", "gathered", "CONSULT"),
    # a clash between forces, police or protesters is a fight; between politicians, words
    ("The protesters clashed with police.", "clashed", "ASSAULT"),
    ("Troops clashed with militants near the border.", "clashed", "ASSAULT"),
    ("Clinton clashed with Johnson during the hearing.", "clashed", "ACCUSE"),
    # refusing to speak, declining interviews, a rival challenged to a debate, a lecture
    # given: no rejection, no accusation
    ("Police refused to comment on the report.", "refused", None),
    ("The rebels refused to withdraw.", "refused", "REJECT"),
    ("After the appeals court refused to reconsider the decision, the state appealed.",
     "refused", "REJECT"),
    ("Obama had proposed raising taxes, but the Republicans who control Congress refused.",
     "refused", "REJECT"),
    ("The aide declined several requests for interviews.", "declined", None),
    ("Cruz challenged Trump to a one-on-one debate.", "challenged", None),
    ("He lectured at Harvard last year.", "lectured", None),
    # a vote against is a rejection; voting for a party an election
    ("The senators voted against the package.", "voted", "REJECT"),
    ("Others, like Pennsylvania and Wisconsin, have voted Democratic for decades.", "voted",
     None),
    # harm by a storm, targeting by an op-ed, rivals beaten for a nomination
    ("Storm Sandy ravaged New Jersey in 2012.", "ravaged", None),
    ("Rebels destroyed the town.", "destroyed", "ASSAULT"),
    ("An op-ed in the Times targeted Trump.", "targeted", None),
    # the public's words, an interview on the radio, a campaign against a candidate, an
    # attack blamed on a video, flights cancelled: no act between parties
    ("YouTube commenters criticized the video.", "criticized", None),
    ("Residents accused the army of shelling the village.", "accused", "ACCUSE"),
    ("She discussed the controversy with radio host Hugh Hewitt on Thursday.", "discussed",
     None),
    ("Kerry discussed the ceasefire with Lavrov.", "discussed", "CONSULT"),
    ("He campaigns against Clinton in Ohio.", "campaigns", None),
    ("She campaigned for the release of the hostages.", "campaigned", "REQUEST"),
    ("The administration blamed the attack on a video.", "blamed", None),
    ("The ministry blamed the attack on Russia.", "blamed", "ACCUSE"),
    ("Airlines canceled flights to Kyiv.", "canceled", None),
    # one named person firing at others with no arms in sight fires words
    ("Jeb Bush fired at Trump, Ted Cruz, John Kasich and Marco Rubio.", "fired", "ACCUSE"),
    ("A sniper fired at the governor.", "fired", "ASSAULT"),
    ("Witnesses said the officer fired several shots at Brown.", "fired", "ASSAULT"),
    # troops sent are deployed, arms sent are aid; aiming agrees to nothing
    ("The United States sent 3,000 troops to Poland.", "sent", "MOBILIZE"),
    ("The United States sent weapons to Ukraine.", "sent", "AID"),
    ("The Kremlin aims to take the whole region.", "aims", None),
    # troops one will not send threaten no one; troops one will send do
    ("Obama has said that Washington will not send troops to Iraq.", "send", "MOBILIZE"),
    ("Russia will send troops to the border.", "send", "THREATEN"),
    # screenshots sent to a newspaper are words
    ("She sent screenshots of the messages to the newspaper.", "sent", None),
    # a title-case headline is parsed as a string of names: no event is read from it
    ("Obama Just Pulled Out The Race Card On Donald Trump In A Major Way.", "Pulled Out", None),
    ("Ben Carson Just Dropped A Powerful Response To The Stunning Tirade.", "Dropped", None),
    ("But now that he’s beaten those former rivals and effectively locked up the GOP "
     "nomination, he’s suddenly a character in a similar charade.", "beaten", None),
    # charges and places traded are words and standings; prisoners traded are an exchange
    ("The two candidates traded charges over the bailout of the car makers.", "traded", None),
    ("The two sides traded prisoners on Friday.", "traded", "COOPERATE"),
    # adding sums is no cooperation
    ("They combined to spend $300,000 on payments to a consulting firm.", "combined", None),
    # delegates allocated are how a primary counts
    ("All the states allocate delegates proportionally.", "allocate", None),
    # a dinner hosted is a social occasion, a leader hosted a meeting
    ("Campaign staffers have been hosting traditional dinners with local families.",
     "hosting", None),
    ("Erdogan hosted Putin in Ankara on Monday.", "hosted", "CONSULT"),
    # calls to do something are demands, not telephone calls
    ("Democrats joined the party in its calls to delay the tax.", "calls", None),
    ("Putin and Trump held two phone calls this week.", "calls", "CONSULT"),
    # finding out is learning; leaning on a lamppost lends nothing; a loan is aid
    ("Those who browsed the site a bit found that out.", "found", None),
    ("He was walking home when he lent briefly against the lamppost.", "lent", None),
    ("The World Bank lent Ukraine $2 billion.", "lent", "AID"),
    # a campaign marches toward a month, a crowd marches in a town
    ("She is marching toward November facing an unpredictable opponent.", "marching", None),
    ("Thousands marched in Abuja to mark the anniversary.", "marched", "PROTEST"),
    # an impact assessed "as modest" is an opinion; one assessed by experts an inquiry
    ("Most economists assess its impact on American workers as modest.", "assess", None),
    ("UN experts assessed the impact of the strikes on civilians.", "assessed", "ACCUSE"),
    # a hole dug is a blunder; records dug into an inquiry
    ("Kaine dug himself a hole during his appearance on CBS.", "dug", None),
    ("Reporters dug into his tax records.", "dug", "ACCUSE"),
    # a candidate revived by a win agrees to nothing; talks revived are agreed
    ("Now, though he trails in pledged delegates, he has been revived.", "revived", None),
    ("The two sides revived the peace talks.", "revived", "AGREE"),
    # clapping to hymns, and contrasting positions, are neither praise nor blame
    ("An emotional Rahaman Ali clapped and swayed to hymns.", "clapped", None),
    ("Trump was contrasting his position on waterboarding with that of Cruz.", "contrasting",
     None),
    # an organ severed is an assault; a disease's outbreak attacks no one
    ("He was dragged into a shop where his organ was severed with a meat cleaver.", "severed",
     "ASSAULT"),
    ("In West Africa its latest outbreak has killed nearly 8,000 people.", "killed", None),
    # tying or overwhelming a rival in a vote is a result; an army overwhelming defenses is not
    ("Sanders basically tied Clinton in the Iowa caucuses.", "tied", None),
    ("Mrs. Clinton overwhelmed Bernie Sanders in the primary.", "overwhelmed", None),
    ("The army overwhelmed the rebel defenses.", "overwhelmed", "ASSAULT"),
    # a thought aloud, a seat taken and a dilemma are no talks, concession or seizure
    ("The diplomat also mused about the 2016 race.", "mused", None),
    ("Mr. Biden settled in a chair behind her.", "settled", None),
    ("The company settled the lawsuit with the families.", "settled", "CONCEDE"),
    ("All these years later, we remain caught between fears of seeing people as groups.",
     "caught", None),
    ("Police caught the suspect in Calais.", "caught", "COERCE"),
    # supplies dropped by the measure are aid
    ("The air force dropped 7,000 gallons of water onto the mountain.", "dropped", "AID"),
]


@pytest.mark.parametrize(("text", "trigger", "category"), SENSES)
def test_a_verb_is_an_event_only_in_the_sense_of_its_reading(
        nlp_pipeline: Pipeline, text: str, trigger: str, category: str | None) -> None:
    analysis = nlp_pipeline.analyze(Document.create(text, published="2025-11-10"))
    found = [e.type for e in analysis.events if e.trigger.text == trigger]
    assert found == ([category] if category else [])


def test_hardly_denies_what_it_seems_to_hedge(nlp_pipeline: Pipeline) -> None:
    # real news: "the meeting hardly improved relations. Hostilities broke out as
    # soon as it was over" was an improvement that happened
    analysis = nlp_pipeline.analyze(Document.create(
        "The meeting hardly improved relations between the two countries.",
        published="2025-11-10"))
    assert [e.modality for e in analysis.events if e.trigger.text == "improved"] == ["negated"]


def test_a_possessive_time_inside_another_noun_dates_that_noun_alone(
        nlp_pipeline: Pipeline) -> None:
    # real news: the compliment was dated to the debate's Monday night
    analysis = nlp_pipeline.analyze(Document.create(
        "Trump has complimented the moderator of Monday night's first debate, Lester Holt.",
        published="2016-09-23"))
    assert [e.time_value for e in analysis.events if e.trigger.text == "complimented"] == [None]
    # the subject's own time still dates what it does (TimeBank links it so)
    analysis = nlp_pipeline.analyze(Document.create(
        "Friday's strike killed 14 people, and Monday's vote rejected the deal.",
        published="2025-11-12"))
    assert [e.time_value for e in analysis.events if e.trigger.text == "rejected"] == [
        "2025-11-10"]


def test_whose_relative_was_taken_is_not_the_taker(nlp_pipeline: Pipeline) -> None:
    # real news: the mother was the kidnapper of her own daughter
    analysis = nlp_pipeline.analyze(Document.create(
        "Hamidah Amira, 36, whose 17-year-old daughter was kidnapped, waited for news.",
        published="2014-09-15"))
    assert [e.actors for e in analysis.events if e.trigger.text == "kidnapped"] == [[]]


def test_no_sign_that_it_happened_says_it_did_not(nlp_pipeline: Pipeline) -> None:
    # real news: "there was no immediate indication that it was connected to the
    # detention" was a cooperation that happened; a clause after "no sign that" is no
    # participle after its noun, which asserts on its own
    analysis = nlp_pipeline.analyze(Document.create(
        "There was no indication that the soldiers were captured.", published="2014-09-15"))
    assert [e.modality for e in analysis.events if e.trigger.text == "captured"] == ["negated"]


def test_nothing_done_is_nothing_done(nlp_pipeline: Pipeline) -> None:
    # real news: "he has proposed nothing that would probably increase his own taxes"
    # was a proposal that happened
    analysis = nlp_pipeline.analyze(Document.create(
        "He has proposed nothing that would increase his own taxes.", published="2016-10-04"))
    assert [e.modality for e in analysis.events if e.trigger.text == "proposed"] == ["negated"]


def test_a_finite_clause_that_lost_its_subject_takes_no_other(nlp_pipeline: Pipeline) -> None:
    # real news: the parse reads "as the United States, Britain and France support" as a
    # preposition and a verb; the support was Syria's, the main clause's subject
    analysis = nlp_pipeline.analyze(Document.create(
        "Syria has been the starkest recent failure, with Russia backing the government as "
        "the United States, Britain and France support some opposition groups.",
        published="2016-09-20"))
    assert [e.actors for e in analysis.events if e.trigger.text == "support"] == [[]]


def test_a_sentence_verb_read_as_a_participle_has_its_noun_as_subject(
        nlp_pipeline: Pipeline) -> None:
    # the parse hangs "bombed" on "coalition" as a participle; it is the sentence's verb
    analysis = nlp_pipeline.analyze(Document.create(
        "Officials spoke on Monday. The Saudi-led coalition bombed Sanaa on Sunday.",
        published="2016-05-31"))
    found = [(e.actors, e.modality) for e in analysis.events if e.trigger.text == "bombed"]
    assert len(found) == 1
    assert found[0][1] == "happened"
    assert any("coalition" in a for a in found[0][0])


@pytest.mark.parametrize(("text", "trigger"), [
    ("Dozens were killed by the group that opposes secular education.", "opposes"),
    ("Islamic State has killed Christians in the region it controls.", "controls"),
    ("Elmendorf, a former official who supports Clinton, spoke on Monday.", "supports"),
    ("Voters who don't support the war protested.", "support"),
])
def test_a_present_relative_clause_describes_its_noun(
        nlp_pipeline: Pipeline, text: str, trigger: str) -> None:
    # real news: "the group that opposes secular education" was a rejection that happened
    analysis = nlp_pipeline.analyze(Document.create(text, published="2016-10-15"))
    assert [e for e in analysis.events if e.trigger.text == trigger] == []


@pytest.mark.parametrize(("text", "trigger", "category"), [
    # told in the past, or of an occasion or a date, it is an event
    ("The rebels, who attacked the town on Monday, withdrew.", "attacked", "ASSAULT"),
    ("The group put out a video where they threaten another British hostage.", "threaten",
     "THREATEN"),
    ("He is running to be a delegate when the party meets next Wednesday.", "meets",
     "CONSULT"),
])
def test_a_relative_clause_of_an_act_stays_an_event(
        nlp_pipeline: Pipeline, text: str, trigger: str, category: str) -> None:
    analysis = nlp_pipeline.analyze(Document.create(text, published="2016-10-15"))
    assert [e.type for e in analysis.events if e.trigger.text == trigger] == [category]


def test_a_year_inside_another_noun_does_not_date_the_clause(nlp_pipeline: Pipeline) -> None:
    # real news: the accusing was dated 2005, the year of the wedding in the e-mail's image
    analysis = nlp_pipeline.analyze(Document.create(
        "The Sanders campaign sent out an email with an image of Mrs. Clinton at Mr. Trump's "
        "2005 wedding, and accused Clinton allies of being traitors.", published="2016-03-16"))
    assert [e.time_value for e in analysis.events if e.trigger.text == "accused"] == [None]
    # a time on a noun the clause's verb takes still dates it, through a word for a part
    # of it (TimeBank links "fueled much of the third-quarter GNP growth" so)
    analysis = nlp_pipeline.analyze(Document.create(
        "Rebels seized much of the third-quarter grain harvest.", published="1989-10-27"))
    assert [e.time_value for e in analysis.events if e.trigger.text == "seized"] == ["1989-Q3"]


def test_who_was_taken_is_the_taken_not_the_taker(nlp_pipeline: Pipeline) -> None:
    # real news: "Haines was a British aid worker who was kidnapped in Syria" made
    # Haines the kidnapper (the clause's noun, an attribute of "was", took its subject)
    analysis = nlp_pipeline.analyze(Document.create(
        "Haines was an aid worker who was kidnapped in Syria last year.", published="2014-09-15"))
    found = [(e.actors, e.targets) for e in analysis.events if e.trigger.text == "kidnapped"]
    assert len(found) == 1 and found[0][0] == []
    # and the noun the relative pronoun stands for is the target
    analysis = nlp_pipeline.analyze(Document.create(
        "The envoy, who was attacked by gunmen, survived.", published="2014-09-15"))
    found = [(e.actors, e.targets) for e in analysis.events if e.trigger.text == "attacked"]
    names = {e.key: e.name for e in analysis.entities}
    assert len(found) == 1 and found[0][1], found
    assert any("envoy" in names.get(k, k) for k in found[0][1])


CAMPAIGN = ("The candidate won the primary, and the nominee thanked the delegates. ")


@pytest.mark.parametrize(("text", "category"), [
    # in news of a campaign, a rally that tells no cause is the campaign's
    (CAMPAIGN + "Small, who attended the rally on Wednesday, said the city was hurting.", None),
    (CAMPAIGN + "His rallies draw hundreds of voters.", None),
    # one against something, for a cause or calling for something is a protest there too
    (CAMPAIGN + "A rally against the Iran deal drew thousands.", "PROTEST"),
    (CAMPAIGN + "Campaigners marched during a rally calling for the release of the girls.",
     "PROTEST"),
    # and elsewhere a rally is a protest
    ("Thousands attended a rally in Tbilisi on Saturday.", "PROTEST"),
])
def test_a_rally_is_a_protest_unless_it_is_a_campaigns(
        nlp_pipeline: Pipeline, text: str, category: str | None) -> None:
    analysis = nlp_pipeline.analyze(Document.create(text, published="2016-10-15"))
    found = [e.type for e in analysis.events if e.trigger.text.lower().startswith("rall")]
    assert found == ([category] if category else [])


def test_what_force_is_used_with_is_no_target(nlp_pipeline: Pipeline) -> None:
    # real news: "He was beaten with sticks" had the sticks as a target
    analysis = nlp_pipeline.analyze(Document.create(
        "He was beaten with sticks for an hour.", published="2014-09-15"))
    assert [e.targets for e in analysis.events if e.trigger.text == "beaten"] == [["He"]]
    # nor are the troops an attack is made with; the police one clashes with are
    analysis = nlp_pipeline.analyze(Document.create(
        "The general attacked the town with his troops.", published="2014-09-15"))
    assert [len(e.targets) for e in analysis.events if e.trigger.text == "attacked"] == [1]
    analysis = nlp_pipeline.analyze(Document.create(
        "The protesters clashed with police.", published="2014-09-15"))
    assert [e.targets for e in analysis.events if e.trigger.text == "clashed"] == [["police"]]
    # with whom one meets is a target
    analysis = nlp_pipeline.analyze(Document.create(
        "The minister met with his Russian counterpart.", published="2014-09-15"))
    assert [len(e.targets) for e in analysis.events if e.trigger.text == "met"] == [1]
