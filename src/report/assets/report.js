
(function(){
  function fail(e){
    if(document.getElementById('evpack-js-error'))return;
    var d=document.createElement('div');d.id='evpack-js-error';d.textContent='script error: '+e;
    document.body.insertBefore(d,document.body.firstChild);
  }
  window.addEventListener('error',function(ev){fail(ev.message||ev.error);});
  try{
    var box=document.getElementById('risk-search');
    var sevs=document.querySelectorAll('input[data-sev-toggle]');
    var rows=document.querySelectorAll('#risks tr[data-sev]');
    var count=document.getElementById('risk-count');
    function apply(){
      var q=(box&&box.value||'').trim().toLowerCase();
      var on={};
      for(var i=0;i<sevs.length;i++)on[sevs[i].getAttribute('data-sev-toggle')]=sevs[i].checked;
      var shown=0;
      for(var j=0;j<rows.length;j++){
        var r=rows[j];
        var ok=on[r.getAttribute('data-sev')]!==false&&(!q||r.textContent.toLowerCase().indexOf(q)>=0);
        r.style.display=ok?'':'none';
        if(ok)shown++;
      }
      if(count)count.textContent=String(shown);
    }
    if(box)box.addEventListener('input',apply);
    for(var k=0;k<sevs.length;k++)sevs[k].addEventListener('change',apply);
    apply();
    window.addEventListener('beforeprint',function(){
      var ds=document.querySelectorAll('details');for(var i=0;i<ds.length;i++)ds[i].open=true;
      for(var j=0;j<rows.length;j++)rows[j].style.display='';
    });
    var m=document.createElement('div');m.id='evpack-js-ok';m.hidden=true;document.body.appendChild(m);
  }catch(e){fail(e);}
})();
