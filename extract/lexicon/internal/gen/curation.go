package main

// curated holds the hand edits applied to one world-countries entry.
type curated struct {
	name        string   // replaces the common name
	aliases     []string // added aliases
	keep        []string // alternative spellings kept though not English long forms
	drop        []string // aliases, capitals or spellings never to emit
	demonyms    []string // replaces the generated demonyms
	noDemonym   bool     // emit no demonym (shared, ambiguous or made-up ones)
	capitals    []string // replaces the capitals
	addCapitals []string // added capitals (seats of government, spellings)
}

// codeFix maps world-countries codes to the ones dkg uses: Kosovo has no
// ISO code; XKX is the user-assigned code the EU and World Bank use.
var codeFix = map[string]string{"UNK": "XKX"}

// foldStop are ASCII foldings that would be ordinary English words.
var foldStop = []string{"Male"}

// curation is keyed by the alpha-3 code dkg uses.
var curation = map[string]curated{
	// Countries often in diplomatic news.
	"USA": {
		aliases:  []string{"America", "US", "U.S.", "USA", "U.S.A.", "United States of America"},
		demonyms: []string{"American", "Americans"},
		capitals: []string{"Washington", "Washington, D.C.", "Washington D.C.", "Washington DC"},
	},
	"GBR": {
		aliases:  []string{"Britain", "Great Britain", "UK", "U.K.", "United Kingdom of Great Britain and Northern Ireland"},
		demonyms: []string{"British", "Briton", "Britons", "Brits"},
	},
	"CHN": {
		aliases:  []string{"People's Republic of China", "PRC", "mainland China"},
		demonyms: []string{"Chinese"},
	},
	"TWN": {
		aliases:  []string{"Republic of China", "Chinese Taipei"},
		demonyms: []string{"Taiwanese"},
		capitals: []string{"Taipei"},
	},
	"KOR": {
		aliases:  []string{"Republic of Korea", "ROK"},
		demonyms: []string{"South Korean", "South Koreans"},
	},
	"PRK": {
		aliases:  []string{"Democratic People's Republic of Korea", "DPRK"},
		demonyms: []string{"North Korean", "North Koreans"},
	},
	"RUS": {aliases: []string{"Russian Federation"}},
	"JPN": {demonyms: []string{"Japanese"}},
	"FRA": {demonyms: []string{"French", "Frenchman", "Frenchmen", "Frenchwoman", "Frenchwomen"}},
	"DEU": {demonyms: []string{"German", "Germans"}},
	"NLD": {
		aliases:     []string{"Holland"},
		drop:        []string{"The Netherlands"},
		demonyms:    []string{"Dutch", "Dutchman", "Dutchmen"},
		addCapitals: []string{"The Hague"},
	},
	"IRL": {demonyms: []string{"Irish", "Irishman", "Irishmen", "Irishwoman"}},
	"ESP": {demonyms: []string{"Spanish", "Spaniard", "Spaniards"}},
	"POL": {demonyms: []string{"Polish", "Poles"}},
	"DNK": {demonyms: []string{"Danish", "Dane", "Danes"}},
	"SWE": {demonyms: []string{"Swedish", "Swede", "Swedes"}},
	"FIN": {demonyms: []string{"Finnish", "Finn", "Finns"}},
	"NOR": {demonyms: []string{"Norwegian", "Norwegians"}},
	"ISL": {
		drop:     []string{"Island"},
		demonyms: []string{"Icelandic", "Icelander", "Icelanders"},
	},
	"TUR": {
		aliases:  []string{"Turkey", "Turkiye", "Republic of Turkey", "Republic of Türkiye"},
		demonyms: []string{"Turkish", "Turk", "Turks"},
	},
	"CZE": {
		aliases:  []string{"Czech Republic"},
		demonyms: []string{"Czech", "Czechs"},
	},
	"SVK": {demonyms: []string{"Slovak", "Slovaks", "Slovakian"}},
	"SVN": {demonyms: []string{"Slovenian", "Slovenians", "Slovene", "Slovenes"}},
	"GRC": {demonyms: []string{"Greek", "Greeks"}},
	"CHE": {
		demonyms:    []string{"Swiss"},
		addCapitals: []string{"Berne"},
	},
	"LUX": {demonyms: []string{"Luxembourger", "Luxembourgers", "Luxembourgish"}},
	"UKR": {addCapitals: []string{"Kiev"}},
	"PHL": {demonyms: []string{"Filipino", "Filipinos", "Filipina", "Filipinas", "Philippine"}},
	"THA": {
		drop:     []string{"Thai", "Prathet"},
		demonyms: []string{"Thai", "Thais"},
	},
	"VNM": {aliases: []string{"Viet Nam"}},
	"SAU": {
		drop:     []string{"Saudi"},
		aliases:  []string{"KSA"},
		demonyms: []string{"Saudi", "Saudis", "Saudi Arabian", "Saudi Arabians"},
	},
	"ARE": {
		aliases: []string{"UAE"},
		drop:    []string{"Emirates"},
	},
	"ARG": {demonyms: []string{"Argentine", "Argentines", "Argentinian", "Argentinians"}},
	"NZL": {
		drop:     []string{"Aotearoa"},
		demonyms: []string{"New Zealander", "New Zealanders"},
	},
	"BOL": {addCapitals: []string{"La Paz"}},
	"ZAF": {
		drop:     []string{"RSA"},
		capitals: []string{"Pretoria", "Cape Town", "Bloemfontein"},
	},
	"MYS": {addCapitals: []string{"Putrajaya"}},
	"LKA": {addCapitals: []string{"Sri Jayawardenepura Kotte"}},
	"MMR": {
		aliases:     []string{"Burma"},
		addCapitals: []string{"Nay Pyi Taw", "Naypyitaw"},
	},
	"MNG": {addCapitals: []string{"Ulaanbaatar"}},
	"KAZ": {demonyms: []string{"Kazakh", "Kazakhs", "Kazakhstani", "Kazakhstanis"}},
	"KGZ": {demonyms: []string{"Kyrgyz", "Kyrgyzstani", "Kyrgyzstanis"}},
	"TJK": {demonyms: []string{"Tajik", "Tajiks", "Tajikistani", "Tajikistanis"}},
	"UZB": {demonyms: []string{"Uzbek", "Uzbeks", "Uzbekistani", "Uzbekistanis"}},
	"TKM": {demonyms: []string{"Turkmen", "Turkmens"}},
	"BIH": {demonyms: []string{"Bosnian", "Bosnians"}},
	"COD": {
		aliases:  []string{"DRC", "DR Congo", "Democratic Republic of Congo", "Democratic Republic of the Congo", "Congo-Kinshasa"},
		demonyms: []string{"Congolese"},
	},
	"COG": {
		aliases:  []string{"Republic of Congo", "Congo-Brazzaville", "Congo Republic"},
		drop:     []string{"Congo"},
		demonyms: []string{},
	},
	"CIV": {
		aliases:  []string{"Côte d'Ivoire", "Cote d'Ivoire"},
		demonyms: []string{"Ivorian", "Ivorians"},
	},
	"CPV": {
		aliases:  []string{"Cabo Verde"},
		demonyms: []string{"Cape Verdean", "Cape Verdeans"},
	},
	"TLS": {
		aliases:  []string{"East Timor"},
		drop:     []string{"Timor"},
		demonyms: []string{"Timorese", "East Timorese"},
	},
	"BRN": {aliases: []string{"Brunei Darussalam"}},
	"LAO": {
		drop:     []string{"Lao"},
		demonyms: []string{"Laotian", "Laotians"},
	},
	"SWZ": {
		aliases:     []string{"Swaziland"},
		demonyms:    []string{"Swazi", "Swazis", "Emaswati"},
		addCapitals: []string{"Mbabane"},
	},
	"BWA": {demonyms: []string{"Motswana", "Batswana", "Botswanan"}},
	"LSO": {demonyms: []string{"Mosotho", "Basotho"}},
	"MKD": {aliases: []string{"Macedonia"}},
	"PSE": {aliases: []string{"State of Palestine"}},
	"GRL": {demonyms: []string{"Greenlandic", "Greenlander", "Greenlanders"}},
	"ALA": {noDemonym: true},
	"COM": {demonyms: []string{"Comoran", "Comorans", "Comorian", "Comorians"}, drop: []string{"Union des Comores"}},
	"VAT": {
		aliases:   []string{"Holy See", "Vatican"},
		noDemonym: true,
	},
	"XKX": {demonyms: []string{"Kosovar", "Kosovars", "Kosovan", "Kosovans"}},
	"MDV": {demonyms: []string{"Maldivian", "Maldivians"}, drop: []string{"Malé"}, capitals: []string{"Malé"}},
	"ECU": {demonyms: []string{"Ecuadorian", "Ecuadorians", "Ecuadorean"}},
	"SUR": {demonyms: []string{"Surinamese", "Surinamer", "Surinamers"}},
	"DJI": {demonyms: []string{"Djiboutian", "Djiboutians"}},
	"GIB": {demonyms: []string{"Gibraltarian", "Gibraltarians"}},
	"HKG": {demonyms: []string{"Hong Konger", "Hong Kongers", "Hongkonger", "Hongkongers"}, capitals: []string{}},
	"MAC": {aliases: []string{"Macao"}},
	"BFA": {demonyms: []string{"Burkinabe", "Burkinabè"}},
	"ATG": {demonyms: []string{"Antiguan", "Antiguans", "Barbudan", "Barbudans"}},
	"KNA": {aliases: []string{"St Kitts and Nevis", "St. Kitts and Nevis"}},
	"VCT": {aliases: []string{"St Vincent and the Grenadines", "St. Vincent and the Grenadines"}},
	"LCA": {aliases: []string{"St Lucia", "St. Lucia"}},
	"FLK": {aliases: []string{"Falklands", "Malvinas"}, drop: []string{"Stanley"}},
	"SPM": {noDemonym: true, drop: []string{"Saint-Pierre"}},
	"BHS": {aliases: []string{"The Bahamas"}},
	"GMB": {aliases: []string{"The Gambia"}},
	"IMN": {drop: []string{"Mann", "Douglas"}},
	"YEM": {addCapitals: []string{"Sanaa"}},
	"TCD": {addCapitals: []string{"Ndjamena"}},
	"ESH": {addCapitals: []string{"Laayoune"}},
	"SYR": {demonyms: []string{"Syrian", "Syrians"}},
	"SJM": {noDemonym: true},
	"IOT": {noDemonym: true},
	"ATF": {noDemonym: true},
	"BES": {noDemonym: true, capitals: []string{"Kralendijk"}},
	"MNP": {noDemonym: true},
	"UMI": {noDemonym: true},
	"ATA": {noDemonym: true},
	"HMD": {noDemonym: true},
	"SGS": {noDemonym: true},
	"BLM": {noDemonym: true},
	"MAF": {noDemonym: true},
	"VGB": {noDemonym: true, drop: []string{"Virgin Islands"}},
	"VIR": {noDemonym: true},
	"GGY": {noDemonym: true},
	"JEY": {noDemonym: true},
	"DMA": {noDemonym: true},
	"CCK": {drop: []string{"West Island"}},
	"SYC": {drop: []string{"Victoria"}},
	"BMU": {drop: []string{"Hamilton"}},
	"NFK": {drop: []string{"Kingston"}},
	"MSR": {drop: []string{"Plymouth"}},
	"AIA": {drop: []string{"The Valley"}},
	"SHN": {drop: []string{"Jamestown"}},
	"REU": {drop: []string{"Saint-Denis"}},
	"CYM": {drop: []string{"George Town"}},
	"KIR": {demonyms: []string{"I-Kiribati"}},
	"VUT": {demonyms: []string{"Ni-Vanuatu"}},
}
