namespace Funnelcraft.Writers.Offline;

/// <summary>How a kind of business usually sounds; the profile is picked from the intake's industry, name and audience.</summary>
internal sealed record ToneProfile(
    IReadOnlySet<string> Keywords,
    string PrimaryTone,
    string Formality,
    string Energy,
    string Persona,
    string Specifics,
    IReadOnlyList<string> WordsToUse,
    IReadOnlyList<string> WordsToAvoid)
{
    private static readonly ToneProfile General = new(
        new HashSet<string>(),
        "Warm, confident and practical", "Conversational and professional", "Positive and steady",
        "a knowledgeable friend who has solved this problem many times",
        "Our readers are smart and busy. We get to the point, explain things in plain language, and show how each step connects to the result " +
        "they care about. We are encouraging without overpromising, and specific wherever we can be.",
        ["clear", "proven", "step by step", "results", "support", "simple"],
        ["revolutionary", "guaranteed overnight", "secret", "hack", "game-changer"]);

    private static readonly ToneProfile[] Profiles =
    [
        new(Set("dog dogs puppy puppies cat cats pet pets vet veterinary canine feline horse horses equine grooming"),
            "Friendly, reassuring and practical", "Casual and warm", "Upbeat but calm",
            "a patient trainer who has seen every kind of behaviour and never judges",
            "Pet owners are emotionally invested, and often a little embarrassed about the problem. We normalise it, keep advice concrete " +
            "(what to do on the next walk, not theory), and celebrate small wins. Humour is welcome when it is gentle, never at the owner's or the animal's expense.",
            ["calm", "step by step", "consistent", "confident", "together"],
            ["dominance", "bad dog", "failure", "guaranteed obedience", "quick fix"]),
        new(Set("bookkeeping bookkeeper accounting accountant accountants tax taxes finance financial cfo payroll insurance wealth invest investing investment mortgage mortgages money budget budgeting cash"),
            "Calm, precise and reassuring", "Professional and plain-spoken", "Steady and measured",
            "an experienced advisor who makes numbers feel manageable",
            "Money is a stressful subject, and many readers feel behind or embarrassed. We lower the temperature: we explain terms in plain English, " +
            "show the steps in order, and use real numbers where we can. We are exact about what we promise and never hint at shortcuts that would make a careful reader nervous.",
            ["clarity", "peace of mind", "on track", "numbers you can trust", "simple", "organised"],
            ["get rich quick", "hack", "guaranteed returns", "unexplained jargon", "cheap"]),
        new(Set("fitness pilates yoga gym workout workouts strength trainer nutrition nutritionist diet weight wellness health healthy physio physiotherapy therapy therapist running runners athletes mobility"),
            "Encouraging, energetic and caring", "Casual and supportive", "High but grounded",
            "a coach who believes in the reader and knows how bodies actually change",
            "Readers have often tried and quit before, and many quietly blame themselves. We never shame bodies, habits or past attempts. " +
            "We focus on how people will feel and what they will be able to do, use evidence rather than hype, and keep every step small enough to start today.",
            ["strong", "sustainable", "small steps", "feel better", "confidence", "consistency"],
            ["no pain no gain", "bikini body", "miracle", "detox", "lazy", "quick fix"]),
        new(Set("marketing agency ads advertising seo social media sales leads lead ecommerce e-commerce shopify brand branding funnel funnels content copywriting"),
            "Confident, direct and results-focused", "Conversational and sharp", "Energetic",
            "a straight-talking strategist who has run the numbers",
            "This audience has been burned by vague promises and vanity metrics. We talk in results they can measure (leads, calls, sales, margins) " +
            "and show the reasoning behind every recommendation. We are confident without hype, and we respect the reader's time: short sentences, clear next steps.",
            ["results", "predictable", "measurable", "pipeline", "proven", "clarity"],
            ["viral overnight", "secret hack", "passive income", "synergy", "guaranteed #1"]),
        new(Set("software saas app apps tech technology ai data developer developers cloud cyber cybersecurity automation"),
            "Clear, smart and practical", "Professional but friendly", "Focused",
            "a senior engineer who explains things without showing off",
            "Technical readers notice fluff immediately. We are precise, we show how things work, and we explain trade-offs honestly. " +
            "Non-technical readers get plain-English explanations and concrete outcomes, never acronyms without a definition.",
            ["simple", "reliable", "secure", "automated", "save hours", "clear"],
            ["revolutionary", "disruptive", "cutting-edge", "seamless", "best-in-class"]),
        new(Set("realtor realtors property properties home homes house houses construction renovation renovations interior cleaning landscaping plumbing roofing"),
            "Trustworthy, practical and local", "Professional and friendly", "Steady",
            "a trusted local expert who has done this hundreds of times",
            "Home and property decisions are big, and readers want to feel they are in safe hands. We are specific about process, timelines and costs, " +
            "show real local knowledge, and avoid pressure tactics. Reassurance comes from details, not adjectives.",
            ["trusted", "transparent", "step by step", "local", "on time", "peace of mind"],
            ["act now or lose out", "dream home guaranteed", "cheap", "hidden fees"]),
        new(Set("photography photographer photographers design designer designers art artist artists music musician musicians writing writer writers author authors wedding weddings creative creatives film video"),
            "Warm, expressive and inspiring", "Relaxed", "Lively",
            "a fellow creative who has figured out the business side",
            "Creative people care about craft and are wary of sounding salesy. We speak to the work they love first and the business second, " +
            "use vivid but honest language, and show that structure creates more room for creativity, not less.",
            ["craft", "your voice", "create", "sustainable", "freedom", "community"],
            ["starving artist", "hustle harder", "monetize your passion overnight", "guru"]),
        new(Set("tutoring tutor tutors education teacher teachers teaching school schools students course courses language languages exam exams learning kids children"),
            "Patient, encouraging and clear", "Friendly and clear", "Warm",
            "a patient teacher who remembers what it was like to be stuck",
            "Learners, and the parents behind them, often feel anxious or behind. We break things into clear steps, celebrate progress, " +
            "and explain why each step matters. We never make anyone feel slow for not knowing something yet.",
            ["step by step", "progress", "confidence", "clear", "support", "practice"],
            ["easy", "just", "obviously", "failing", "genius"]),
        new(Set("coach coaches coaching consultant consultants consulting leadership career careers mindset entrepreneurs founders executives managers speaking"),
            "Warm, direct and insightful", "Conversational and professional", "Confident and calm",
            "a seasoned coach who tells the truth kindly",
            "This audience is capable and busy, and has heard plenty of generic advice. We earn trust with specific observations and honest questions, " +
            "share frameworks rather than platitudes, and are direct about what it takes. Warmth comes from understanding their situation, not from flattery.",
            ["clarity", "focus", "next step", "proven", "confidence", "momentum"],
            ["crush it", "10x overnight", "guru", "limitless", "hustle culture"]),
    ];

    /// <summary>The first profile whose keywords appear in the industry, then the name, then the audience, then the problem.</summary>
    public static ToneProfile For(BusinessFacts f)
    {
        foreach (var source in (string?[])[f.Industry, f.Name, f.Audience, f.Problem.Text + " " + f.Outcome.Text])
        {
            var words = Tokens(source);
            if (Profiles.FirstOrDefault(p => words.Any(p.Keywords.Contains)) is { } match)
            {
                return match;
            }
        }

        return General;
    }

    private static HashSet<string> Tokens(string? text) =>
        text is null ? [] : [.. text.ToLowerInvariant().Split([' ', ',', '.', '/', '&', '(', ')', ';', ':', '!', '?', '"'], StringSplitOptions.RemoveEmptyEntries)];

    private static HashSet<string> Set(string words) => [.. words.Split(' ')];
}
