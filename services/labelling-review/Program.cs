using SemaineIndustrie.LabellingReview;
using SemaineIndustrie.LabellingReview.Cases;
using SemaineIndustrie.Messaging.Redrive;
using SemaineIndustrie.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("labelling-review");
builder.AddLabellingReviewService();

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapCasesApi();
app.MapErrorQueueRedrive();
app.Run();
