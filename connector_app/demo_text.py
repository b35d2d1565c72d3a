"""The words the demo generator builds records from: names, places, groups and notes.

This is content, not interface text: it is never passed through ``_()``.
Conventions the generator relies on:

- ``"her form||his form"``: a phrase whose grammar depends on the person's
  gender (Polish, Urdu, Arabic and Somali verbs and adjectives agree), picked by
  the generator. English templates use {p} she/he, {P} She/He, {pos} her/his,
  {obj} her/him, {name}, {asset}, {venue}, {day}.
- Non-English phrases are short and plain, the way a connector who speaks the
  language (or the person, in their own words) would jot them down.
- Phone numbers are in Ofcom's 07700 900xxx drama range, so none is real.
"""

from __future__ import annotations

# --- people ---------------------------------------------------------------

# Share of the hub population by first language (weights, not percentages).
GROUP_WEIGHTS = {"en": 38, "cy": 8, "pl": 11, "pt": 6, "ro": 8, "ur": 10, "ar": 6, "bn": 8, "so": 5}

# Languages a person of each group speaks, first language first, with weights.
LANGUAGE_SETS = {
    "en": ((("en",), 96), (("en", "cy"), 4)),
    "cy": ((("cy", "en"), 80), (("en", "cy"), 20)),
    "pl": ((("pl", "en"), 70), (("pl",), 30)),
    "pt": ((("pt", "en"), 70), (("pt",), 30)),
    "ro": ((("ro", "en"), 75), (("ro",), 25)),
    "ur": ((("ur", "en"), 65), (("ur",), 25), (("ur", "ar", "en"), 10)),
    "ar": ((("ar", "en"), 60), (("ar",), 40)),
    "bn": ((("bn", "en"), 60), (("bn",), 40)),
    "so": ((("so", "en"), 55), (("so",), 25), (("so", "ar", "en"), 20)),
}

# Share of each group whose name is written in its own (non-Latin) script.
NATIVE_SCRIPT_SHARE = {"ur": 0.35, "ar": 0.4, "bn": 0.35}

# First names (female, male) and surnames (female, male) per group, space-separated.
NAMES = {
    "en": ("Margaret Susan Karen Tracey Linda Sharon Kelly Amy Chloe Jade Emma Sophie Olivia Dorothy Barbara "
           "Megan Lauren Jean Pauline Stacey",
           "David John Paul Gary Stephen Keith Brian Dean Liam Connor Jack Ryan Tom Lewis Kevin Terry Craig "
           "Alan Darren Jamie",
           "Smith Jones Taylor Brown Wilson Johnson Robinson Wright Thompson Walker White Green Hall Wood "
           "Jackson Clarke Turner Hill Moore Cooper Bailey Ward Fletcher Holmes",
           None),
    "cy": ("Siân Cerys Gwen Eleri Bethan Angharad Carys Ffion Llinos Nia Megan Rhiannon Catrin Elin Mared",
           "Rhys Gethin Dafydd Owain Iolo Huw Aled Gareth Emyr Dewi Geraint Ieuan Steffan Tomos Llŷr",
           "Jones Davies Evans Thomas Roberts Hughes Lewis Morgan Griffiths Price Pritchard Llewellyn Parry "
           "Rees Powell Vaughan Bowen Owen Jenkins Lloyd",
           None),
    "pl": ("Agnieszka Katarzyna Małgorzata Anna Joanna Magdalena Ewa Zofia Dorota Beata Monika Justyna "
           "Halina Krystyna Aleksandra",
           "Piotr Krzysztof Tomasz Paweł Marcin Michał Łukasz Grzegorz Jakub Wojciech Andrzej Kamil "
           "Mateusz Bartosz Zbigniew",
           "Nowak Kowalska Wiśniewska Wójcik Kamińska Lewandowska Zielińska Szymańska Woźniak Dąbrowska "
           "Kozłowska Mazur Krawczyk Kaczmarek Grabowska",
           "Nowak Kowalski Wiśniewski Wójcik Kamiński Lewandowski Zieliński Szymański Woźniak Dąbrowski "
           "Kozłowski Mazur Krawczyk Kaczmarek Grabowski"),
    "pt": ("Ana Maria Inês Joana Beatriz Mariana Catarina Sofia Rita Fernanda Conceição Lúcia Filipa",
           "João Pedro Tiago Rui Nuno Paulo Carlos José Miguel Ricardo António Vítor Sérgio",
           "Silva Santos Ferreira Pereira Oliveira Costa Rodrigues Martins Sousa Fernandes Gonçalves Gomes "
           "Lopes Marques Almeida Ribeiro Carvalho Freitas",
           None),
    "ro": ("Elena Ioana Maria Andreea Mihaela Alina Cristina Georgiana Roxana Simona Florentina Daniela",
           "Andrei Alexandru Mihai Ionuț Florin Cristian Gabriel Ion Vasile Marius Constantin Ștefan",
           "Popescu Ionescu Popa Dumitru Stan Stoica Gheorghe Rusu Munteanu Matei Constantin Marin Tudor "
           "Dobre Barbu Nistor Florea Radu Sârbu",
           None),
    "so": ("Hodan Fadumo Amina Sahra Ifrah Halima Khadra Nimco Ubah Deeqa Hibo Ayan Sagal Hawa",
           "Abdi Mohamed Ahmed Hassan Abdirahman Yusuf Ali Omar Ismail Mahad Abdullahi Said Liban",
           "Abdi Hassan Mohamed Farah Warsame Jama Ali Osman Aden Hirsi Nur Yusuf Egal Duale Elmi Guled",
           None),
}

# Groups whose names may be written in their own script: (Latin, native) pairs.
SCRIPT_NAMES = {
    "ur": (
        (("Ayesha", "عائشہ"), ("Fatima", "فاطمہ"), ("Nazia", "نازیہ"), ("Shazia", "شازیہ"),
         ("Rubina", "روبینہ"), ("Samina", "ثمینہ"), ("Farzana", "فرزانہ"), ("Nasreen", "نسرین"),
         ("Sadia", "سعدیہ"), ("Zainab", "زینب"), ("Hina", "حنا"), ("Bushra", "بشریٰ")),
        (("Muhammad", "محمد"), ("Imran", "عمران"), ("Tariq", "طارق"), ("Asif", "آصف"), ("Zahid", "زاہد"),
         ("Bilal", "بلال"), ("Usman", "عثمان"), ("Shahid", "شاہد"), ("Khalid", "خالد"), ("Naveed", "نوید"),
         ("Adeel", "عدیل"), ("Faisal", "فیصل")),
        (("Bibi", "بی بی"), ("Khan", "خان"), ("Hussain", "حسین"), ("Akhtar", "اختر"), ("Iqbal", "اقبال"),
         ("Malik", "ملک"), ("Shah", "شاہ"), ("Rashid", "رشید")),
        (("Khan", "خان"), ("Hussain", "حسین"), ("Ahmed", "احمد"), ("Ali", "علی"), ("Iqbal", "اقبال"),
         ("Mahmood", "محمود"), ("Shah", "شاہ"), ("Malik", "ملک"), ("Raza", "رضا"), ("Chaudhry", "چوہدری"),
         ("Butt", "بٹ"), ("Rashid", "رشید")),
    ),
    "ar": (
        (("Amira", "أميرة"), ("Fatima", "فاطمة"), ("Mariam", "مريم"), ("Noor", "نور"), ("Huda", "هدى"),
         ("Rania", "رانيا"), ("Layla", "ليلى"), ("Salma", "سلمى"), ("Yasmin", "ياسمين"), ("Hala", "هالة"),
         ("Lina", "لينا"), ("Reem", "ريم")),
        (("Ahmed", "أحمد"), ("Mohammed", "محمد"), ("Omar", "عمر"), ("Youssef", "يوسف"), ("Khaled", "خالد"),
         ("Hassan", "حسن"), ("Ali", "علي"), ("Karim", "كريم"), ("Samir", "سمير"), ("Tarek", "طارق"),
         ("Mahmoud", "محمود"), ("Ibrahim", "إبراهيم")),
        None,
        (("Al-Sayed", "السيد"), ("Haddad", "حداد"), ("Hassan", "حسن"), ("Khalil", "خليل"),
         ("Mansour", "منصور"), ("Nasser", "ناصر"), ("Saleh", "صالح"), ("Abdullah", "عبدالله"),
         ("Ibrahim", "إبراهيم"), ("Darwish", "درويش"), ("Al-Masri", "المصري"), ("Al-Khatib", "الخطيب"),
         ("Othman", "عثمان")),
    ),
    "bn": (
        (("Rahima", "রহিমা"), ("Shirin", "শিরিন"), ("Nasima", "নাসিমা"), ("Ruksana", "রুকসানা"),
         ("Taslima", "তাসলিমা"), ("Jahanara", "জাহানারা"), ("Salma", "সালমা"), ("Fatema", "ফাতেমা"),
         ("Rupa", "রুপা"), ("Shamima", "শামীমা"), ("Nazma", "নাজমা"), ("Parvin", "পারভীন")),
        (("Abdul", "আব্দুল"), ("Mohammed", "মোহাম্মদ"), ("Rahim", "রহিম"), ("Karim", "করিম"),
         ("Jamal", "জামাল"), ("Shahid", "শহিদ"), ("Anwar", "আনোয়ার"), ("Rafiq", "রফিক"),
         ("Habib", "হাবিব"), ("Faruk", "ফারুক"), ("Shafiq", "শফিক"), ("Jalal", "জালাল")),
        (("Begum", "বেগম"), ("Khatun", "খাতুন"), ("Akter", "আক্তার"), ("Rahman", "রহমান"),
         ("Islam", "ইসলাম"), ("Choudhury", "চৌধুরী")),
        (("Miah", "মিয়া"), ("Uddin", "উদ্দিন"), ("Rahman", "রহমান"), ("Ahmed", "আহমেদ"),
         ("Islam", "ইসলাম"), ("Hossain", "হোসেন"), ("Ali", "আলী"), ("Choudhury", "চৌধুরী")),
    ),
}

PSEUDONYMS = (
    "Mrs B||Mr B", "Auntie J||Uncle J", "Sunflower||Robin", "Nan from the allotment||Grandad T", "K.", "M.",
    "Tuesday regular", "Lady with the red coat||Man with the dog", "Bibi-ji||Baba-ji", "Babcia||Dziadek",
    "Tia Rosa||Tio Zé", "Hooyo||Aabo", "Mrs R.||Mr R.", "Rose||Ash", "Star",
)

AREAS = (
    "Moorside", "Northfield", "Hillside", "Canal Side", "Brookfield", "Parkhill", "Abbey Ward", "Westgate",
    "Greenway", "Old Town", "Riverside", "Station Road", "Pen-y-bryn", "St Mark's",
)
STREETS = ("Moorside Road", "Church Street", "Brook Lane", "Wharf Street", "Abbey Road", "Granby Street",
           "Hillside Avenue", "Heol y Capel", "Station Road", "Greenway Close", "Park Terrace", "Mill Lane")
THROUGH_SOMEONE = ("Through her daughter||Through his daughter", "Through her son||Through his son",
                   "Via the family support worker", "Ask at the Tuesday lunch club",
                   "Through her neighbour Pat||Through his neighbour Pat", "Through her key worker||Through his key worker")

ABOUT = {
    "en": ("I've lived on this estate thirty years.", "I like gardening and my grandchildren.",
           "Mum of three, busy but lonely.||Dad of three, busy but lonely.", "Retired bus driver. I like a chat.",
           "I came here for my husband's job and don't know many people.||I came here for my wife's job and "
           "don't know many people.", "I look after my brother. I don't get much time for me.",
           "I used to be a nurse. I still like looking after people."),
    "cy": ("Wedi byw yma ers deugain mlynedd.", "Dw i'n hoffi garddio a gweld fy wyrion."),
    "pl": ("Mieszkam tu od pięciu lat z rodziną.", "Lubię spacery i gotowanie."),
    "pt": ("Vim da Madeira há dez anos.", "Gosto de cozinhar e de estar com os netos."),
    "ro": ("Am venit din Iași acum șase ani.", "Îmi place să gătesc pentru familie."),
    "ur": ("میں پچیس سال سے یہاں رہ رہی ہوں۔||میں پچیس سال سے یہاں رہ رہا ہوں۔",
           "مجھے اپنے پوتے پوتیوں کے ساتھ وقت گزارنا اچھا لگتا ہے۔"),
    "ar": ("وصلت إلى هنا قبل ثلاث سنوات مع عائلتي.", "أحب الطبخ والحديث مع الجيران."),
    "bn": ("বিশ বছর আগে সিলেট থেকে এসেছি।", "নাতি-নাতনিদের সাথে সময় কাটাতে ভালোবাসি।"),
    "so": ("Waxaan halkan imid sanadkii 2009.", "Waxaan jeclahay inaan la joogo carruurteyda."),
}

LANGUAGE_NAMES = {"cy": "Welsh", "pl": "Polish", "pt": "Portuguese", "ro": "Romanian", "ur": "Urdu",
                  "ar": "Arabic", "bn": "Bengali", "so": "Somali"}

# --- the hub team ---------------------------------------------------------

HUB_NAMES = ("Moorside Community Hub", "Northfield Connects", "Canal Side Community Hub")
# (name, language they also write notes in)
STAFF = (
    ("Bethan Rees", "cy"), ("Sam Okafor", "en"), ("Kasia Nowak", "pl"), ("Imran Akhtar", "ur"),
    ("Rebecca Lloyd", "en"), ("Hodan Warsame", "so"), ("Gareth Price", "cy"), ("Shirin Begum", "bn"),
    ("Dave Hughes", "en"), ("Ana Costa", "pt"), ("Mihai Popescu", "ro"), ("Priya Shah", "en"),
    ("Tom Fletcher", "en"), ("Leila Haddad", "ar"), ("Jackie Moore", "en"), ("Rhys Morgan", "cy"),
)
# Roles in the order a growing team gains them.
ROLE_ORDER = ("community_connector", "community_connector", "link_worker", "community_development",
              "volunteer", "other_workforce", "other_workforce", "health_champion", "community_connector",
              "local_area_coordinator", "volunteer", "other_workforce")
ORGANISATIONS = {
    "link_worker": ("Parkhill Primary Care Network",),
    "community_development": ("Northfield City Council",),
    "local_area_coordinator": ("Northfield City Council",),
    "health_champion": ("Public Health Northfield",),
    "other_workforce": ("Northfield Homes (housing)", "Northfield Library Service", "Fire and Rescue Service",
                        "Jobcentre Plus", "Parkhill Surgery reception team"),
}

# --- places and community assets -----------------------------------------

# (name, venue kind, address, accessibility)
VENUES = (
    ("Moorside Community Centre", "community_centre", "14 Moorside Road",
     "Step-free entrance, accessible toilet, hearing loop in the main hall."),
    ("Northfield Library", "library", "Church Street", "Lift to the first floor; quiet room on request."),
    ("St Mark's Church Hall", "faith_building", "St Mark's Close", "Ramp at the side door; no hearing loop."),
    ("Brookfield Allotments", "outdoors", "Gate on Brook Lane",
     "Uneven paths; a raised bed by the gate; compost toilet only."),
    ("The Old Co-op (empty shop)", "shop", "27 High Street", "Step-free; small and noisy when busy."),
    ("Hillside Primary School", "school", "Hillside Avenue", "Community room by the side gate; step-free."),
    ("Parkhill Surgery", "health_setting", "2 Parkhill Road", "Step-free; ask at reception for the side room."),
    ("Riverside Park bandstand", "outdoors", "Riverside Park, by the café", "Flat path from the main gate."),
    ("Canal Side Family Centre", "community_centre", "Wharf Street", "Buggy park, baby change, step-free."),
    ("Al-Noor Mosque community room", "faith_building", "Granby Street",
     "Separate women's entrance; stairs to the community room."),
    ("Capel Bethel vestry", "faith_building", "Heol y Capel", "Two steps at the front; portable ramp."),
    ("Westgate Leisure Centre café", "other", "Westgate Way", "Step-free, accessible toilet."),
    ("Abbey Ward Tenants' Hall", "community_centre", "Abbey Road flats, block C",
     "Step-free; heating unreliable in winter."),
    ("Station Road market", "outdoors", "Station Road car park (Saturdays)", "Outdoors; hub gazebo by the fruit stall."),
    ("Greenway Children's Centre", "community_centre", "Greenway", "Step-free; crèche on Wednesdays."),
)
ASSET_PLACES = ("Reservoir car park", "Online and by phone", "Back room of the Red Lion", "Meets at members' homes",
                "Brook Lane", "Town centre", "Canal towpath by the lock")

# (kind, name, what it offers, when, languages); every kind has at least seven.
ASSETS = (
    ("individual", "Maureen, knit and natter host", "Opens her front room to anyone who wants to knit and chat.",
     "Thursday afternoons", "en"),
    ("individual", "Tariq, volunteer bike fixer", "Fixes bikes for free and shows people how.", "Saturday mornings", "ur en"),
    ("individual", "Halina, Polish conversation buddy", "Meets new Polish arrivals for coffee.", "By arrangement", "pl en"),
    ("individual", "Gwyn, walk leader", "Leads gentle walks round the reservoir.", "Sundays 10:00", "cy en"),
    ("individual", "Fadumo, Somali community mum", "Welcomes new families; helps with school forms.", "Most weekdays",
     "so ar en"),
    ("individual", "Rashida, home cook", "Teaches Bengali home cooking on a budget.", "Monthly, Fridays", "bn en"),
    ("individual", "Keith, retired electrician", "Tips on saving energy and safe wiring.", "By arrangement", "en"),
    ("grassroots_group", "Tuesday Sewing Group", "Sewing, mending and chat; machines provided.", "Tuesdays 10:00–12:00",
     "en ur bn"),
    ("grassroots_group", "Moorside Walking Group", "Gentle one-hour walks; nobody left behind.", "Wednesdays 10:30", "en"),
    ("grassroots_group", "ESOL Conversation Café", "Practise English over tea; all levels welcome.", "Tuesdays 13:30",
     "en pl ro pt ar ur bn so"),
    ("grassroots_group", "Bengali Women's Group", "Tea, talk and crafts in Bengali.", "Mondays 13:00", "bn en"),
    ("grassroots_group", "Polish Saturday Club", "Polish language and culture for children; coffee for parents.",
     "Saturdays 10:00", "pl"),
    ("grassroots_group", "Somali Mothers' Circle", "Peer support for mums; homework help for the children.",
     "Fridays 11:00", "so en"),
    ("grassroots_group", "Moorside Men's Shed", "Woodwork, tools and a brew.", "Mondays and Thursdays 10:00–15:00", "en"),
    ("grassroots_group", "Canal Clean-up Crew", "Litter picks and planting along the canal.", "First Sunday of the month",
     "en"),
    ("association", "Moorside Residents' Association", "Monthly meeting about the estate.", "Last Thursday, 18:30", "en"),
    ("association", "Northfield Allotment Society", "Plots, seed swaps and a waiting list.", "Open days in spring", "en"),
    ("association", "Romanian Community Association", "Advice sessions and cultural evenings.", "Second Saturday",
     "ro en"),
    ("association", "Cymdeithas Gymraeg Northfield", "Welsh society: talks, singing and a monthly paned.",
     "First Monday, 19:00", "cy en"),
    ("association", "Over-60s Friendship Club", "Bingo, talks and day trips.", "Thursdays 14:00", "en"),
    ("association", "Portuguese Speakers' Association", "Help with documents and a monthly lunch.", "Last Sunday",
     "pt en"),
    ("association", "Parkhill Bowls Club", "Free taster sessions in summer.", "Weekday afternoons", "en"),
    ("community_hub", "Moorside Community Hub", "Drop-in, warm space, advice and groups all week.", "Mon–Fri 9:30–16:00",
     "en pl ur"),
    ("community_hub", "The Old Co-op", "Shop-front drop-in, repair café and swap shop.", "Tue–Sat", "en"),
    ("community_hub", "Canal Side Family Hub", "Stay-and-play, parenting support and a baby bank.", "Weekdays", "en so"),
    ("community_hub", "Abbey Ward Tenants' Hall", "Run by tenants: coffee mornings and a food pantry.", "Wed and Fri",
     "en"),
    ("community_hub", "Greenway Warm Space", "Warm room, free soup and Wi-Fi in winter.", "Mon–Thu 12:00–16:00", "en"),
    ("community_hub", "Brookfield Growing Hub", "Shared plots and a weekly volunteering session.", "Saturdays", "en"),
    ("community_hub", "Riverside Community Kitchen", "Cook-and-eat sessions and a community lunch.", "Fridays 12:00",
     "en ar"),
    ("anchor_org", "Northfield CVS volunteer centre", "Finds volunteering roles to suit people.", "Weekdays", "en"),
    ("anchor_org", "Northfield Library Service", "Digital drop-in, reading groups, free computers.", "Daily", "en cy"),
    ("anchor_org", "Parkhill Primary Care Network", "Social prescribing and health checks.", "Weekdays", "en"),
    ("anchor_org", "Northfield College community learning", "ESOL, maths and digital skills courses.", "Termly", "en"),
    ("anchor_org", "Citizens Advice Northfield", "Money, benefits, housing and debt advice.", "Mon, Wed, Fri", "en"),
    ("anchor_org", "Northfield Credit Union", "Savings and fair loans.", "Weekdays", "en"),
    ("anchor_org", "University community dental outreach", "Free check-ups at the hub.", "Monthly", "en"),
    ("faith_group", "St Mark's Community Lunch", "Free hot lunch, all welcome.", "Wednesdays 12:30", "en"),
    ("faith_group", "Al-Noor Sisters' Circle", "Women's talks, Qur'an class and social time.", "Saturdays 11:00",
     "ur ar en"),
    ("faith_group", "Capel Bethel Choir", "Welsh hymn singing, all abilities.", "Thursdays 19:00", "cy"),
    ("faith_group", "Polish Catholic Mission café", "Mass in Polish and a parish café.", "Sundays", "pl"),
    ("faith_group", "Gurdwara langar", "Free vegetarian meal for anyone.", "Daily", "en"),
    ("faith_group", "Riverside Baptist toddler group", "Toddler group and parents' chat.", "Tuesdays 9:30", "en"),
    ("faith_group", "Jamia Masjid elders' coffee", "Coffee and company for older men.", "Fridays after prayers",
     "ur bn en"),
    ("housing_provider", "Northfield Homes tenancy support", "Help with rent, repairs and moving.", "Weekdays", "en"),
    ("housing_provider", "Moorside Housing Co-op", "Co-operative housing; members' meetings.", "Monthly", "en"),
    ("housing_provider", "Riverside Housing money team", "Benefit checks and fuel vouchers for tenants.", "By appointment",
     "en"),
    ("housing_provider", "Brookfield Court social room", "Coffee mornings open to neighbours.", "Tuesdays 10:30", "en"),
    ("housing_provider", "Northfield Homes digital champions", "Help getting online for tenants.", "Thursdays", "en"),
    ("housing_provider", "Abbey Ward housing officer surgery", "Weekly drop-in with the housing officer.", "Mondays 14:00",
     "en"),
    ("housing_provider", "Canal Side Homes community fund", "Small grants for tenant-led groups.", "Rolling", "en"),
    ("social_enterprise", "Repair Café Northfield CIC", "Bring broken things; fix them together.", "Last Saturday", "en"),
    ("social_enterprise", "Grub Club CIC", "Pay-as-you-feel café and cooking classes.", "Tue–Sat", "en"),
    ("social_enterprise", "Second Chance Bikes CIC", "Refurbished bikes and a training workshop.", "Weekdays", "en"),
    ("social_enterprise", "Threads CIC", "Sewing workshop with small paid work for women.", "Mon–Thu", "en ur bn so"),
    ("social_enterprise", "Good Roots CIC", "Market garden with volunteering and traineeships.", "Weekdays", "en"),
    ("social_enterprise", "Community Fridge", "Surplus food, free to take.", "Daily 12:00–14:00", "en"),
    ("social_enterprise", "Hear Me Out CIC", "Story-sharing and podcast workshops.", "Evenings", "en"),
    ("time_bank", "Northfield Time Bank", "Give an hour, get an hour: lifts, DIY, language help.", "Ongoing", "en"),
    ("time_bank", "Moorside Skills Swap", "Swap skills: haircuts, CV help, sewing.", "Monthly swap night", "en"),
    ("time_bank", "Canal Side Family Time Bank", "Parents swap childcare and help.", "Ongoing", "en so"),
    ("time_bank", "Over-60s Time Bank", "Older neighbours helping each other.", "Ongoing", "en cy"),
    ("time_bank", "Language Swap Time Bank", "Teach your language, learn English.", "Wednesdays 18:00",
     "en pl ro pt ar"),
    ("time_bank", "Brookfield Garden Share", "Growers share plots with people who want to garden.", "Spring to autumn",
     "en"),
    ("time_bank", "Hillside Parents' Time Bank", "School-gate swaps: pick-ups and batch cooking.", "Term time", "en"),
    ("national_charity", "Age UK befriending", "Weekly phone or home befriending.", "Weekly", "en"),
    ("national_charity", "Mind peer support group", "Peer support for mental health.", "Wednesdays 18:00", "en"),
    ("national_charity", "Northfield Foodbank", "Emergency food parcels with a voucher.", "Tue and Fri", "en"),
    ("national_charity", "Carers' café", "Support and a break for unpaid carers.", "Second Tuesday", "en"),
    ("national_charity", "Macmillan information drop-in", "Cancer information and support.", "Thursdays", "en"),
    ("national_charity", "British Red Cross refugee support", "Orientation and advice for refugees.", "Mondays",
     "ar so en"),
    ("national_charity", "Samaritans outreach", "Listening volunteers at the hub.", "Monthly", "en"),
    ("business", "Supermarket community champion", "Food donations and a community room.", "Weekdays", "en"),
    ("business", "Northfield Building Society volunteers", "Staff volunteering days; money workshops.", "Quarterly",
     "en"),
    ("business", "Parkhill Pharmacy health checks", "Free blood pressure checks.", "Wednesdays", "en ur"),
    ("business", "Brew & Bake café", "Pay-it-forward coffee and a warm seat.", "Daily", "en"),
    ("business", "Harper's Garden Centre", "Volunteer days and donated plants.", "Spring", "en"),
    ("business", "Kowalski Builders", "Staff help with small repairs for older people.", "By arrangement", "pl en"),
    ("business", "Station Road barbers", "Free haircuts for job interviews.", "Mondays", "en ro"),
    ("statutory", "Jobcentre work coach outreach", "Work coach at the hub.", "Thursdays", "en"),
    ("statutory", "Council Adult Learning", "Free courses for adults.", "Termly", "en"),
    ("statutory", "Community mental health team drop-in", "Advice without a referral.", "Fridays", "en"),
    ("statutory", "Health visitors' baby clinic", "Weighing and advice for babies.", "Wednesdays", "en"),
    ("statutory", "Council housing options", "Help for people at risk of losing their home.", "Weekdays", "en"),
    ("statutory", "Library home service", "Books delivered to people who can't get out.", "Fortnightly", "en"),
    ("statutory", "Fire service safe and well visits", "Free home safety checks and smoke alarms.", "By request", "en"),
)

# --- notes ----------------------------------------------------------------

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")

OPENERS = {
    "in_person": ("Met {name} at {venue}.", "{name} dropped in to {venue} for a cuppa.",
                  "Sat with {name} in the quiet corner at {venue}.", "{name} came back to see us at {venue}.",
                  "Caught {name} after the coffee morning.", "{name} popped in on the way back from the school run.",
                  "Long chat with {name} over tea."),
    "phone": ("Rang {name} as agreed.", "{name} phoned the hub.", "Phone call with {name}; the line kept cutting out.",
              "Called {name} to see how {p} got on."),
    "video": ("Video call with {name} on the library tablet.", "WhatsApp video with {name}."),
    "home_visit": ("Home visit to {name}.", "Visited {name} at home with a colleague.",
                   "Went round to see {name}; {p} made tea."),
    "outreach": ("Bumped into {name} at the market stall.", "Chatted with {name} on the bench by the park gates.",
                 "Met {name} at the school gates.", "Talked with {name} outside the food bank."),
    "message": ("Messages back and forth with {name}.", "{name} texted to say {p} wanted a chat.", "Text from {name}."),
}

MIDDLES = {
    "housing": ("Damp in the bedroom is getting worse; {p} has reported it twice.", "Worried the rent is going up.",
                "{P} is sofa-surfing at {pos} sister's for now.", "Landlord has given notice; {p} doesn't know where to start."),
    "money": ("Letters piling up; we opened them together.", "Universal Credit payment was cut and {p} can't see why.",
              "Skipping meals to keep the meter topped up.", "Wants to understand the council tax bill."),
    "family": ("Talked a lot about {pos} grandchildren.", "Things are hard with {pos} son at the moment.",
               "Misses {pos} family back home; calls them on Sundays.", "{P} is proud {pos} daughter started college."),
    "loneliness": ("Said some days {p} doesn't speak to anyone at all.", "Evenings and weekends are the hardest.",
                   "Since moving here {p} hasn't made any friends.", "Lives alone since {pos} partner died last year."),
    "work": ("Looking for work nearer home, mornings only.", "Lost {pos} job at the warehouse.",
             "Qualified back home but the certificates aren't recognised here.",
             "Wants to try volunteering first to build up confidence."),
    "learning": ("Keen to improve {pos} English.", "Asked about computer classes at the library.",
                 "Wants to do a food hygiene certificate.", "Finished the first ESOL term and is proud of it."),
    "health": ("Bad back flaring up; struggling with the stairs.", "Talked about feeling low since the winter.",
               "Waiting for a hospital appointment and worried about it.", "Trying to walk a bit more, as the GP suggested."),
    "faith": ("Faith is a big support; goes to prayers most days.", "Would like somewhere quiet to pray at the hub.",
              "Talked about the community iftar and who could cook."),
    "culture": ("Loves cooking food from home and sharing it.", "Misses the music and dancing from home.",
                "Wants {pos} children to keep their first language."),
    "pets": ("Talked about {pos} dog the whole time; he is {pos} best friend.", "Worried about vet bills for the cat.",
             "Walks the dog in the park every morning."),
    "nature": ("Happiest when {p} is outside in the garden.", "Would love a patch to grow vegetables.",
               "Goes to the park every day to feed the ducks."),
    "safety": ("Doesn't feel safe walking home after dark.", "Trouble with the neighbours again; {p} is frightened.",
               "The street lights on {pos} road have been out for weeks."),
    "food": ("Used the food bank for the first time; felt embarrassed.", "Loves the Friday community lunch.",
             "Wants to learn to cook cheaper meals."),
    "getting_around": ("Can't afford the bus since the fares went up.", "Stopped driving; feels stuck at home.",
                       "Needs help getting to hospital appointments."),
    "caring": ("Caring for {pos} mum full time; exhausted.", "Looks after {pos} grandson after school most days.",
               "Didn't know {p} counts as a carer."),
    "friendship": ("Made a friend at the sewing group.", "Wants to meet other mums.||Wants to meet other dads.",
                   "Lost touch with old friends after moving."),
}

CLOSERS = ("Told {obj} about {asset}.", "Will look at {asset} together next week.", "Agreed to meet again next week.",
           "{P} is going to try {asset} on {day}.", "Gave {obj} the hub leaflet and my number.",
           "Left it there for today; {p} knows where we are.", "{P} asked to come back on {day}.",
           "Said {p} felt better for talking.", "We'll pick this up next time.",
           "{P} offered to help set up the room next week.", "Noticed {p} is brilliant at putting people at ease.",
           "{P} said: \"I didn't think anyone would listen.\"")

GROUP_NOTES = ("{asset}: {n} came today, two new faces.", "{asset}. Good energy; {name} led the warm-up.",
               "{asset}: quieter week, {n} people. Talked about a summer trip.",
               "{asset}. {name} brought food from home to share.", "{asset}: {name} showed the others a new stitch.",
               "{asset}. Planning session; the group chose the next three topics themselves.")
HEADCOUNT_NOTES = ("Hub stall at the market: chatted with about {n} people, mostly about the bus changes.",
                   "Drop-in at the school gates; {n} parents stopped to talk.",
                   "Warm space afternoon: {n} people, tea and biscuits, lots of talk about energy bills.",
                   "Community fun day: {n} conversations at our table.")

FOLLOW_UPS = ("Ring {name} on {day} to see how it went", "Book a {language} interpreter for the next visit",
              "Send {name} the bus pass form", "Check with the housing officer about the damp",
              "Introduce {name} to the organiser of {asset}", "Print a large-font timetable for {asset}",
              "Find out about a carer's assessment", "Chase the food bank voucher",
              "Ask the library about a computer session for {name}", "Post the leaflet about {asset}",
              "Make a referral to money advice", "Meet {name} at {asset} for the first session")

# What matters to me, in the person's own words: (words, themes).
OWN_WORDS = {
    "en": (
        ("I want to get out of the flat more. Some days I don't speak to anyone.", ("loneliness", "friendship")),
        ("Sorting the money out. The letters pile up and I can't face opening them.", ("money", "housing")),
        ("My English. I want to talk to my children's teachers myself.", ("learning", "family")),
        ("Getting back to work, even a few hours. I miss feeling useful.", ("work", "learning")),
        ("My garden. It's the only place I feel calm.", ("nature", "health")),
        ("Looking after my mum without losing myself.", ("caring", "health", "family")),
        ("Feeling safe on my street again.", ("safety", "housing")),
        ("Praying with others and being part of something.", ("faith", "culture", "friendship")),
        ("My dog is my best friend. I need to keep him.", ("pets", "housing")),
        ("Cooking food from home and sharing it.", ("food", "culture")),
        ("Getting about. Since I stopped driving I'm stuck indoors.", ("getting_around", "loneliness")),
        ("Being a good dad and having my kids over at weekends.||Being a good mum and getting my kids back.",
         ("family", "housing")),
        ("Keeping well and keeping my sugar down.", ("health", "food")),
        ("Somewhere warm in the day, and people to talk to.", ("housing", "loneliness")),
        ("Learning computers so I can video call my family.", ("learning", "family", "culture")),
        ("I want to start a group for women like me.||I want to start a group for men like me.",
         ("friendship", "culture")),
    ),
    "cy": (("Dw i eisiau cwrdd â phobl newydd.", ("friendship", "loneliness")),
           ("Mae fy nheulu'n bwysig iawn i mi.", ("family",)), ("Hoffwn i ddysgu sgiliau cyfrifiadur.", ("learning",)),
           ("Dw i'n colli fy ngardd.", ("nature",)), ("Dw i eisiau teimlo'n ddefnyddiol eto.", ("work",)),
           ("Mae'r capel yn bwysig iawn i mi.", ("faith", "culture"))),
    "pl": (("Chcę poznać nowych ludzi.", ("friendship", "loneliness")), ("Rodzina jest dla mnie najważniejsza.", ("family",)),
           ("Chcę lepiej mówić po angielsku.", ("learning", "work")), ("Martwię się o pieniądze i rachunki.", ("money",)),
           ("Chcę znaleźć stałą pracę blisko domu.", ("work",)),
           ("Lubię gotować i chcę pomagać innym.", ("food", "friendship"))),
    "pt": (("Quero conhecer pessoas novas.", ("friendship", "loneliness")), ("A minha família é o mais importante.", ("family",)),
           ("Gostava de melhorar o meu inglês.", ("learning",)), ("Quero arranjar um trabalho perto de casa.", ("work",)),
           ("Preocupo-me com as contas todos os meses.", ("money",)),
           ("Sinto-me sozinha desde que vim para cá.||Sinto-me sozinho desde que vim para cá.", ("loneliness",))),
    "ro": (("Vreau să cunosc oameni noi.", ("friendship", "loneliness")),
           ("Familia mea este cel mai important lucru.", ("family",)), ("Aș vrea să vorbesc mai bine engleza.", ("learning",)),
           ("Îmi fac griji pentru bani.", ("money",)), ("Vreau un loc de muncă stabil.", ("work",)),
           ("Vreau ca copiii mei să fie în siguranță.", ("safety", "family"))),
    "ur": (("میں نئے لوگوں سے ملنا چاہتی ہوں۔||میں نئے لوگوں سے ملنا چاہتا ہوں۔", ("friendship", "loneliness")),
           ("میرا خاندان میرے لیے سب سے اہم ہے۔", ("family",)), ("مجھے پیسوں کی فکر رہتی ہے۔", ("money",)),
           ("مجھے اپنی انگریزی بہتر کرنی ہے۔", ("learning",)), ("مجھے باغبانی بہت پسند ہے۔", ("nature",)),
           ("مسجد جانا میرے لیے سکون کا باعث ہے۔", ("faith",))),
    "ar": (("أريد أن أتعرف على أشخاص جدد.", ("friendship", "loneliness")), ("عائلتي هي أهم شيء بالنسبة لي.", ("family",)),
           ("أريد أن أحسّن لغتي الإنجليزية.", ("learning",)), ("أقلق كثيراً بشأن المال والفواتير.", ("money",)),
           ("أحب الطبخ وأريد أن أساعد الآخرين.", ("food", "friendship")), ("أريد أن أعمل من جديد.", ("work",))),
    "bn": (("আমি নতুন মানুষের সাথে পরিচিত হতে চাই।", ("friendship", "loneliness")),
           ("আমার পরিবার আমার কাছে সবচেয়ে গুরুত্বপূর্ণ।", ("family",)), ("আমি ভালো করে ইংরেজি শিখতে চাই।", ("learning",)),
           ("টাকা-পয়সা নিয়ে আমার খুব চিন্তা হয়।", ("money",)), ("আমি রান্না করতে ভালোবাসি।", ("food", "culture")),
           ("আমি আবার কাজ করতে চাই।", ("work",))),
    "so": (("Waxaan rabaa inaan barto luqadda Ingiriisiga.", ("learning",)),
           ("Qoyskaygu waa waxa ugu muhiimsan noloshayda.", ("family",)),
           ("Waxaan rabaa inaan la kulmo dad cusub.", ("friendship", "loneliness")),
           ("Waxaan ka welwelsanahay lacagta iyo biilasha.", ("money",)), ("Waxaan rabaa inaan helo shaqo.", ("work",))),
}

STEPS = {
    "housing": ("Bring the tenancy letter to the hub", "Report the damp to the housing officer", "Go to the residents' meeting"),
    "money": ("Open the letters together on Thursday", "Book a money advice appointment", "Apply for the Warm Home Discount",
              "Set up a payment plan for the council tax"),
    "family": ("Call {pos} sister on Sunday", "Find out about the holiday activities for the kids", "Go to parents' evening"),
    "loneliness": ("Come to the Tuesday coffee morning", "Try the walking group once", "Swap numbers with someone from the group"),
    "work": ("Update the CV with help at the library", "Volunteer at the community café one morning",
             "Apply for two local jobs", "Ask the work coach about the certificates"),
    "learning": ("Go to the ESOL conversation café", "Sign up for the college course", "Go to the digital drop-in"),
    "health": ("Register with the GP", "Ask about the walking for health scheme", "Book the pharmacy health check"),
    "faith": ("Ask the hub about a quiet room", "Go to the community iftar"),
    "culture": ("Cook a dish for the community lunch", "Ask about the Saturday language club"),
    "pets": ("Ask the vet about the low-cost scheme", "Check the tenancy rules about pets"),
    "nature": ("Visit the allotment open day", "Ask about a shared plot", "Bring seedlings to the plant swap"),
    "safety": ("Report the street lights", "Meet the neighbourhood police team at the hub"),
    "food": ("Get a food bank voucher", "Try the cook-and-eat session", "Go to the Friday lunch"),
    "getting_around": ("Apply for a bus pass", "Try the community transport scheme", "Walk to the library with a friend"),
    "caring": ("Register as a carer with the GP", "Go to the carers' café", "Take one afternoon a week off"),
    "friendship": ("Invite a friend to the sewing group", "Go to the next social", "Say hello to one new person"),
}
STEPS_OWN = {
    "cy": ("Dod i'r bore coffi ddydd Mawrth", "Ffonio'r swyddog tai", "Mynd i'r grŵp cerdded unwaith"),
    "pl": ("Przyjść na kawę we wtorek", "Zadzwonić do biura mieszkaniowego", "Zapisać się na kurs angielskiego"),
    "pt": ("Ir ao café de conversação em inglês", "Telefonar ao senhorio", "Pedir ajuda com o CV na biblioteca"),
    "ro": ("Să vină la cafeaua de marți", "Să sune la biroul de locuințe", "Să se înscrie la cursul de engleză"),
    "ur": ("منگل کو کافی مارننگ میں آنا", "ہاؤسنگ آفیسر کو فون کرنا", "انگریزی کلاس میں داخلہ لینا"),
    "ar": ("حضور مقهى المحادثة الإنجليزية يوم الثلاثاء", "الاتصال بمسؤول السكن", "التسجيل في دورة الحاسوب"),
    "bn": ("মঙ্গলবার কফি মর্নিংয়ে আসা", "হাউজিং অফিসারকে ফোন করা", "ইংরেজি ক্লাসে ভর্তি হওয়া"),
    "so": ("Ka qayb galka fasalka Ingiriisiga", "La xiriirka sarkaalka guryaha", "Socodka kooxda Khamiista"),
}

# Short notes a connector who speaks the language wrote about the conversation.
NOTES_OWN = {
    "cy": ("Buon ni'n sgwrsio am yr ardd a'r tywydd.", "Mae'n poeni am y rhent.", "Eisiau ymuno â'r grŵp cerdded.",
           "Cawson ni baned a sgwrs dda.", "Mae'n hoffi canu yn y côr.", "Bydd yn dod i'r caffi ddydd Mawrth.",
           "Mae'n gweld eisiau ei theulu.||Mae'n gweld eisiau ei deulu."),
    "pl": ("Rozmawialiśmy o pracy i o kursie angielskiego.", "Martwi się o czynsz. Razem przeczytaliśmy list z urzędu.",
           "Chce dołączyć do grupy spacerowej we wtorek.", "Tęskni za rodziną w Polsce.",
           "Potrzebuje pomocy z formularzem. Umówiliśmy się na czwartek.",
           "Lubi gotować i chętnie pomoże przy wspólnym obiedzie."),
    "pt": ("Falámos sobre o trabalho e a família.", "Tem dificuldades em pagar a renda da casa.",
           "Quer juntar-se ao grupo de caminhada.", "Precisa de ajuda com uma carta do council.",
           "Gosta muito de cozinhar e ofereceu-se para ajudar no almoço comunitário.", "Sente falta da família na Madeira."),
    "ro": ("Am vorbit despre locul de muncă și despre copii.", "Vrea să se înscrie la cursul de engleză.",
           "Are nevoie de ajutor cu o scrisoare de la consiliul local.", "Îi este dor de familie.",
           "Îi place să gătească și vrea să ajute la prânzul comunitar."),
    "ur": ("ہم نے کام اور خاندان کے بارے میں بات کی۔", "کونسل کے خط کے سلسلے میں مدد کی ضرورت ہے۔",
           "واکنگ گروپ میں شامل ہونے میں دلچسپی ہے۔", "خاندان کی بہت یاد آتی ہے۔",
           "ہم نے چائے پی اور بچوں کے اسکول کے بارے میں بات کی۔", "انگریزی کلاس کے بارے میں معلومات دیں۔"),
    "ar": ("تحدثنا عن العمل والعائلة.", "قرأنا رسالة المجلس معاً واتفقنا على موعد يوم الخميس.",
           "شربنا الشاي وتحدثنا عن الأطفال والمدرسة.", "تحتاج إلى مساعدة في إيجاد عمل.||يحتاج إلى مساعدة في إيجاد عمل.",
           "مهتمة بالانضمام إلى مجموعة المشي.||مهتم بالانضمام إلى مجموعة المشي."),
    "bn": ("আমরা কাজ আর পরিবার নিয়ে কথা বললাম।", "কাউন্সিলের চিঠি নিয়ে সাহায্য দরকার।", "হাঁটার দলে যোগ দিতে আগ্রহী।",
           "পরিবারের কথা খুব মনে পড়ে।", "একসাথে চা খেলাম আর বাচ্চাদের স্কুল নিয়ে কথা হলো।"),
    "so": ("Waxaan ka wada hadalnay shaqada iyo qoyska.", "Shaah ayaan wada cabnay, waxaanan ka hadalnay iskuulka carruurta.",
           "Waxay u baahan tahay caawimaad warqadda golaha.||Wuxuu u baahan yahay caawimaad warqadda golaha.",
           "Waxay rabtaa inay ku biirto kooxda socodka.||Wuxuu rabaa inuu ku biiro kooxda socodka."),
}

# --- strengths and next steps --------------------------------------------

STRENGTHS = {
    "skill": ("Sews and alters clothes beautifully", "Fixes bikes; has all the tools", "Cooks for fifty without fuss",
              "Good with forms and letters", "Plays guitar and knows all the old songs", "Hairdresser by trade",
              "Builder by trade, handy with repairs", "Knits for the baby bank", "Good at fixing phones and laptops"),
    "talent": ("Makes everyone laugh", "Natural with little ones", "Brilliant storyteller", "Draws and paints",
               "Can get anyone talking", "Great organiser; lists for everything"),
    "passion": ("Gardening, especially growing veg", "Football; coached juniors back home", "Cooking food from home",
                "Local history", "Music and singing", "Walking the canal path", "Baking"),
    "gift": ("Warmth: people open up to {obj}", "Patient listener", "Brings people together",
             "Notices when someone is on their own", "Calm in a crisis"),
    "knowledge": ("Knows the benefits system inside out", "Speaks four languages", "Trained nurse back home",
                  "Knows every family on the estate", "Qualified teacher back home", "Worked in a bank for twenty years"),
}
STRENGTHS_OWN = {
    "cy": (("skill", "Gwnïo a thrwsio dillad"), ("passion", "Canu yn y côr"), ("knowledge", "Gwybod hanes yr ardal"),
           ("gift", "Gwrandäwr da")),
    "pl": (("skill", "Szyje i przerabia ubrania"), ("skill", "Zna się na remontach"), ("passion", "Pieczenie ciast"),
           ("knowledge", "Z wykształcenia pielęgniarka||Z wykształcenia elektryk")),
    "pt": (("skill", "Costura e arranjos de roupa"), ("passion", "Cozinha tradicional portuguesa"),
           ("talent", "Faz toda a gente rir"), ("knowledge", "Trabalhou muitos anos num lar de idosos")),
    "ro": (("skill", "Croitorie și reparații de haine"), ("skill", "Lucrează bine cu lemnul"),
           ("passion", "Gătește mâncăruri tradiționale"), ("knowledge", "Asistentă medicală în România||Asistent medical în România")),
    "ur": (("skill", "سلائی کڑھائی"), ("passion", "پاکستانی کھانا پکانا"),
           ("knowledge", "تین زبانیں جانتی ہیں||تین زبانیں جانتے ہیں")),
    "ar": (("skill", "الخياطة وتعديل الملابس"), ("passion", "الطبخ الشامي"), ("knowledge", "معلمة سابقة||معلم سابق"),
           ("gift", "مستمعة جيدة||مستمع جيد")),
    "bn": (("skill", "সেলাই আর নকশিকাঁথা"), ("passion", "বাঙালি রান্না"), ("gift", "সবাইকে আপন করে নেন"),
           ("knowledge", "তিনটি ভাষা জানেন")),
    "so": (("skill", "Tolidda dharka"), ("passion", "Karinta cuntada Soomaaliga"), ("gift", "Dhageyste wanaagsan")),
}
NEXT_STEP_NOTES = {
    "run_group": ("Happy to run the sewing group if someone else does the keys.",
                  "Wants to start a Sunday morning walking group."),
    "peer_mentor": ("Would like to buddy new people at the ESOL café.", "Offered to meet newcomers who speak {pos} language."),
    "champion": ("Interested in the health champion training in the spring.", "Wants to be a voice for the estate."),
    "volunteer": ("Will help at the Friday lunch once a month.", "Starting on the food bank rota."),
    "train_others": ("Could teach a basic cooking session.", "Offered to show others how to use the tablets."),
    "share_skill": ("Will show the knit and natter group a new stitch.", "Offered to fix bikes at the repair café."),
}

# --- 3Cs check-ins, connections, connecting time --------------------------

# In their words, by how far along they are: low, middle, high.
CHECKIN_WORDS = {
    "en": (("Still finding it hard to get out.", "Bad month, mum was in hospital.", "I don't really know anyone yet.",
            "Money worries are keeping me up."),
           ("I know a few more faces now.", "I went to the group on my own this week!",
            "Still struggling but I'm not on my own with it.", "Getting there, slowly."),
           ("I feel like I've got my confidence back.", "I run the tea rota now.",
            "I sorted the housing letter myself this time.", "I've made proper friends here.")),
    "cy": (("Dw i'n dal i deimlo'n unig.",), ("Mae pethau'n gwella'n araf.",), ("Dw i'n helpu gyda'r grŵp nawr!",)),
    "pl": (("Nadal jest ciężko.",), ("Jest trochę lepiej, znam więcej osób.",),
           ("Czuję, że znowu mam wpływ na swoje życie.",)),
    "pt": (("Ainda está difícil.",), ("Está um pouco melhor, já conheço mais gente.",),
           ("Sinto que tenho mais controlo da minha vida.",)),
    "ro": (("Încă e greu.",), ("E puțin mai bine, cunosc mai mulți oameni.",),
           ("Simt că am din nou controlul asupra vieții mele.",)),
    "ur": (("ابھی بھی مشکل ہے۔",), ("پہلے سے تھوڑا بہتر ہے۔",),
           ("اب میں خود فیصلے کر سکتی ہوں۔||اب میں خود فیصلے کر سکتا ہوں۔",)),
    "ar": (("ما زال الأمر صعباً.",), ("أصبحت الأمور أفضل قليلاً.",), ("أشعر أنني أتحكم في حياتي الآن.",)),
    "bn": (("এখনও কঠিন লাগে।",), ("আগের চেয়ে একটু ভালো।",), ("এখন নিজের জীবন নিজে সামলাতে পারি।",)),
    "so": (("Weli way adag tahay.",), ("Waa ka wanaagsan yahay sidii hore.",),
           ("Hadda waxaan dareemayaa inaan nolosheyda maamuli karo.",)),
}

CONNECTION_NOTES = {
    "suggested": ("Gave {obj} the leaflet.", "Mentioned it; {p} will think about it."),
    "introduced": ("Introduced {obj} to the organiser.", "Walked over together to say hello."),
    "went_once": ("Went along once with {pos} neighbour.", "Went once; said it was a bit busy."),
    "regular": ("Goes every week now.", "Hasn't missed a session in weeks."),
    "giving": ("Now helps set out the chairs and make the tea.", "Runs the welcome table.",
               "Teaches the others a recipe each month."),
    "not_for_them": ("Didn't like the noise; might try the quieter session.", "Too far to get to without a lift."),
}

CT_WITH_WHOM = ("Parents at the school gate", "Regulars at the Friday food bank", "Men at the Tuesday breakfast club",
                "Residents of the Moorside flats", "Young people at the youth club", "People waiting at the GP surgery",
                "The Bengali women's group", "Stallholders at the market", "Older people at the lunch club",
                "Families at the stay-and-play", "People at the library warm space", "Tenants at the residents' meeting")
CT_HEARD = {
    "en": ("People feel nobody listens about the damp in the flats.",
           "Lots of talk about the bus fares since the route changed.",
           "Mums want somewhere to go with toddlers on Saturdays.", "Several people didn't know the hub existed.",
           "Older people are worried about the bank closing.", "People would like the park toilets open again.",
           "Young people said there is nowhere to go after six.", "People are skipping meals to pay for gas."),
    "cy": ("Mae pobl yn teimlo nad oes neb yn gwrando.", "Mae'r bws yn rhy ddrud i lawer."),
    "pl": ("Ludzie mówią, że nikt ich nie słucha.", "Wiele osób nie wiedziało o naszym centrum."),
    "ur": ("لوگ کہتے ہیں کہ کوئی ان کی بات نہیں سنتا۔",),
    "bn": ("অনেকে জানতেন না যে হাব আছে।",),
    "so": ("Dadku waxay dhaheen qofna nama dhageysto.",),
}
CT_WILL_DO = {
    "en": ("Raise the damp at the housing team meeting.", "Put up hub posters in the surgery waiting room.",
           "Ask the library about a Saturday stay-and-play.", "Come back next month with the new bus times.",
           "Pass this on to the youth service.", "Invite them to the hub open day.",
           "Tell my team at our Monday huddle.", "Find out who owns the empty shop on the parade."),
    "cy": ("Codi hyn yn y cyfarfod tîm.", "Dod yn ôl y mis nesaf."),
    "pl": ("Przekazać to zespołowi mieszkaniowemu.", "Wrócić w przyszłym miesiącu z ulotkami."),
    "ur": ("اگلے مہینے دوبارہ ملاقات ہوگی۔",),
    "bn": ("পরের মাসে আবার আসব।",),
    "so": ("Bisha dambe ayaan soo laaban doonaa.",),
}
